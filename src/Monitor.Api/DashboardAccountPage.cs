namespace Monitor.Api;

/// <summary>A sorted page of overview rows and how many accounts matched the filters.</summary>
public sealed record DashboardAccountPage(IReadOnlyList<DashboardAccountRow> Items, int Total, int Offset, int Limit, string Sort, bool Descending);
