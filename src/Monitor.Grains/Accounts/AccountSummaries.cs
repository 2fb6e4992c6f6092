using Monitor.Abstractions.Accounts;

namespace Monitor.Grains.Accounts;

/// <summary>An account's summary as dashboards and the directory show it, and its profile as stored.</summary>
internal static class AccountSummaries
{
    /// <summary>The model's summary with what collectors found (the last poll, open unavailable and stall alerts).</summary>
    public static AccountSummary Of(AccountModel model, string account, AccountState state)
    {
        var summary = model.Summarize(account, state.Profile);
        return state.Collection is not { } collection
            ? summary
            : summary with { Collection = collection.Status, OpenEpisodes = [.. summary.OpenEpisodes, .. collection.OpenAlerts] };
    }

    /// <summary>The profile with its groups and tags trimmed, without blanks or repeats.</summary>
    public static AccountProfile Normalized(AccountProfile profile) =>
        profile with { Groups = Normalize(profile.Groups), Tags = Normalize(profile.Tags) };

    /// <summary>Whether two normalised profiles say the same (lists compared item by item, in order).</summary>
    public static bool SameProfile(AccountProfile a, AccountProfile b) =>
        a.Handle == b.Handle
        && a.DisplayName == b.DisplayName
        && SameList(a.Groups, b.Groups)
        && SameList(a.Tags, b.Tags)
        && Equals(a.Detector, b.Detector);

    private static bool SameList(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        (a ?? []).SequenceEqual(b ?? [], StringComparer.Ordinal);

    private static List<string>? Normalize(IReadOnlyList<string>? values) =>
        values?.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value.Trim()).Distinct(StringComparer.Ordinal).ToList();
}
