namespace Monitor.Api;

/// <summary>One member of a <see cref="GroupSeries"/>: who it is and its followers at each Unix second.</summary>
public sealed record GroupMemberSeries(string Account, string? Handle, string? DisplayName, IReadOnlyList<long> Timestamps, IReadOnlyList<long> Followers, IReadOnlyList<string> Tags);
