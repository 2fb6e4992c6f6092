using System.Runtime.CompilerServices;

namespace Monitor.Collectors.Scheduling;

/// <summary>The polled accounts are the monitored accounts of the account directory, read a page at a time.</summary>
public sealed class DirectoryPolledAccounts(IAccountDirectory directory) : IPolledAccounts
{
    private const int PageSize = 1000;

    /// <inheritdoc />
    public async IAsyncEnumerable<PolledAccount> ListAsync(Platform platform, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offset = 0;
        while (true)
        {
            var page = await directory.ListAsync(new AccountListQuery(Platform: platform.ToWireName(), Offset: offset, Limit: PageSize), cancellationToken).ConfigureAwait(false);
            foreach (var summary in page.Items)
            {
                yield return new PolledAccount(summary.Account, summary.Profile);
            }

            offset += page.Items.Count;
            if (page.Items.Count < PageSize || offset >= page.Total)
            {
                yield break;
            }
        }
    }
}
