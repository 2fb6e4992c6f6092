using Orleans;

namespace Monitor.Abstractions.Annotations;

/// <summary>
/// An analyst's note on a date or a date range ("44-day war", "platform purge"), shown on the charts it applies to: every
/// chart when it names neither account nor group, else the account's chart or the charts of the group and its members.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.Annotation")]
public sealed record Annotation(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] DateTimeOffset? End,
    [property: Id(4)] string? Account,
    [property: Id(5)] string? Group,
    [property: Id(6)] string? AlertId,
    [property: Id(7)] string? CreatedBy,
    [property: Id(8)] DateTimeOffset CreatedAt)
{
    /// <summary>Does the note belong on the chart of an account with these groups?</summary>
    public bool AppliesToAccount(string account, IReadOnlyList<string> groups) =>
        (Account is null && Group is null)
        || string.Equals(Account, account, StringComparison.Ordinal)
        || (Group is not null && Account is null && groups.Contains(Group, StringComparer.Ordinal));

    /// <summary>Does the note belong on the comparison chart of this group?</summary>
    public bool AppliesToGroup(string group) =>
        Account is null && (Group is null || string.Equals(Group, group, StringComparison.Ordinal));

    /// <summary>Does the note's span overlap [from, to]?</summary>
    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => Start <= to && (End ?? Start) >= from;
}
