using Monitor.Abstractions.Groups;

namespace Monitor.Abstractions.Accounts;

/// <summary>
/// The index of monitored accounts and their latest summaries, maintained by the account grains as they change,
/// so that lists and rankings never call every grain.
/// </summary>
public interface IAccountDirectory
{
    Task<AccountPage> ListAsync(AccountListQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<GroupInfo>> ListGroupsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AccountSummary>> GetGroupMembersAsync(string group, CancellationToken cancellationToken = default);

    /// <summary>Records an account's latest summary (called by its grain).</summary>
    Task UpsertAsync(AccountSummary summary, CancellationToken cancellationToken = default);

    Task RemoveAsync(string account, CancellationToken cancellationToken = default);
}
