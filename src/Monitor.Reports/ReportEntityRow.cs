namespace Monitor.Reports;

/// <summary>
/// One row of the entity comparison: an entity's accounts added up over the period (or, with <see cref="Entity"/> null, a
/// member that belongs to no entity, on its own). Followers are summed, so a person following on two platforms counts twice:
/// combined reach is an upper bound of the people reached. <see cref="ChangeShare"/> is the summed change over the summed
/// followers at the start, over the accounts whose change is known. <see cref="GrowthRank"/> is the row's place by that share.
/// </summary>
public sealed record ReportEntityRow(
    string? Entity,
    string Name,
    string? Kind,
    IReadOnlyList<string> Accounts,
    int AccountsWithData,
    long? FollowersAtStart,
    long FollowersAtEnd,
    long? Change,
    double? ChangeShare,
    int? GrowthRank,
    IReadOnlyList<ReportPlatformShare> Platforms,
    bool Synthetic);
