namespace Monitor.Collectors.Polling;

/// <summary>
/// One account to poll: its grain key (<c>platform:id</c>), the platform id part of it (an <c>@handle</c> while unresolved),
/// and the handle the team registered, which some platforms need to address the account (Instagram).
/// </summary>
public sealed record PollTarget(string Account, string Id, string? Handle = null)
{
    /// <summary>True while <see cref="Id"/> is an <c>@handle</c> to resolve to the platform's stable id.</summary>
    public bool IsUnresolved => Id.StartsWith('@');

    /// <summary>The handle without its <c>@</c>: from the id while unresolved, else the registered handle.</summary>
    public string? BareHandle => IsUnresolved ? Id[1..] : Handle?.TrimStart('@');
}
