using System.Runtime.CompilerServices;
using Monitor.Abstractions.Accounts;
using Monitor.Collectors.Scheduling;
using Monitor.Core.Accounts;

namespace Monitor.Collectors.Tests.Fakes;

/// <summary>A fixed list of polled accounts.</summary>
public sealed class FixedAccounts(IEnumerable<PolledAccount> accounts) : IPolledAccounts
{
    private readonly List<PolledAccount> _accounts = [.. accounts];

    /// <summary><paramref name="count"/> X accounts with ids 1001, 1002, ...</summary>
    public static FixedAccounts X(int count, AccountProfile? profile = null) =>
        new(Enumerable.Range(1001, count).Select(id => new PolledAccount($"x:{id}", profile ?? new AccountProfile())));

    public async IAsyncEnumerable<PolledAccount> ListAsync(Platform platform, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var account in _accounts.Where(a => a.Account.StartsWith(platform.ToWireName() + ":", StringComparison.Ordinal)))
        {
            yield return account;
        }
    }
}
