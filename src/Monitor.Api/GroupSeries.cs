namespace Monitor.Api;

/// <summary>The daily follower histories of a group's members, for comparing them on one chart.</summary>
public sealed record GroupSeries(string Group, IReadOnlyList<GroupMemberSeries> Members);
