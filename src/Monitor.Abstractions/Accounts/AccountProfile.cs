namespace Monitor.Abstractions.Accounts;

/// <summary>What a team says about an account: how to show it, how to group it, how sensitive its detector is.</summary>
public sealed record AccountProfile(
    string? Handle = null,
    string? DisplayName = null,
    IReadOnlyList<string>? Groups = null,
    IReadOnlyList<string>? Tags = null,
    DetectorOverrides? Detector = null);
