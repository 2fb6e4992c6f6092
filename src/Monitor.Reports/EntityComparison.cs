namespace Monitor.Reports;

/// <summary>
/// The report's entities compared: one row per entity that owns an account of the report (every account of the entity
/// counted, in the report or not), and one per member that belongs to none, ranked by combined followers at the period's
/// end. Rows without a count in reach are left out, as in the rankings.
/// </summary>
public sealed record EntityComparison(IReadOnlyList<ReportEntityRow> Rows, string ReachNote)
{
    /// <summary>What the combined reach is and is not, said wherever it is shown.</summary>
    public const string OverlapNote =
        "Combined reach is the sum of the accounts' followers. Audiences overlap (a person who follows on two platforms counts twice) " +
        "and no platform says by how much, so it is an upper bound of the people reached.";

    /// <summary>A comparison with no rows.</summary>
    public static EntityComparison Empty { get; } = new([], OverlapNote);

    /// <summary>Whether any row is an entity (not a lone account).</summary>
    public bool HasEntities => Rows.Any(row => row.Entity is not null);
}
