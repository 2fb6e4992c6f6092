using Orleans;
using Orleans.Concurrency;

namespace Monitor.Collectors.Scheduling;

/// <summary>The collector of one platform (key: the platform's wire name, e.g. <c>x</c>), woken by a durable reminder.</summary>
[Alias("monitor.IPlatformCollectorGrain")]
public interface IPlatformCollectorGrain : IGrainWithStringKey
{
    /// <summary>Registers (or, when the platform is disabled, removes) the reminder that drives polling; idempotent.</summary>
    [Alias("StartAsync")]
    Task<bool> StartAsync();

    /// <summary>Runs one tick now: polls the accounts that are due, within the budget.</summary>
    [Alias("PollNowAsync")]
    Task<PollTickReport> PollNowAsync();

    /// <summary>The schedule's state: accounts scheduled, budget used, pauses.</summary>
    [Alias("GetStatusAsync")]
    [ReadOnly]
    Task<CollectorStatus> GetStatusAsync();
}
