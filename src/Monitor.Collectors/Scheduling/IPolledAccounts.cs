namespace Monitor.Collectors.Scheduling;

/// <summary>The accounts of a platform that collectors poll.</summary>
public interface IPolledAccounts
{
    /// <summary>Every monitored account of <paramref name="platform"/>.</summary>
    IAsyncEnumerable<PolledAccount> ListAsync(Platform platform, CancellationToken cancellationToken = default);
}
