using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Alerts;
using Monitor.Collectors.Clients;
using Monitor.Collectors.Telemetry;
using Monitor.Storage;
using Orleans;
using Orleans.Runtime;

namespace Monitor.Collectors.Scheduling;

/// <summary>
/// The collector of one platform: a reminder wakes it every <see cref="CollectorOptions.TickPeriod"/>, it runs one
/// <see cref="PlatformPoller"/> tick and persists the schedule. One grain per platform, so a slow or failing platform holds
/// only its own turn and never delays the others.
/// </summary>
[GrainType("collector")]
public sealed class PlatformCollectorGrain(
    [PersistentState("collector", StorageServiceCollectionExtensions.DefaultProviderName)] IPersistentState<PlatformScheduleState> state,
    IEnumerable<IPlatformClient> clients,
    IOptions<CollectorOptions> options,
    IPolledAccounts accounts,
    IPollRecorder recorder,
    IAlertPublisher alerts,
    CollectorClock clock,
    CollectorInstruments instruments,
    ILogger<PlatformCollectorGrain> logger) : Grain, IPlatformCollectorGrain, IRemindable
{
    /// <summary>The reminder's name.</summary>
    public const string ReminderName = "poll";

    private readonly CollectorOptions _options = options.Value;
    private PlatformPoller? _poller;
    private PollTickReport? _lastTick;

    private Platform Platform => PlatformNames.TryParse(this.GetPrimaryKeyString(), out var platform)
        ? platform
        : throw new InvalidOperationException($"Collector grain key '{this.GetPrimaryKeyString()}' is not a platform name.");

    /// <inheritdoc />
    public async Task<bool> StartAsync()
    {
        var polled = _options.IsPolled(Platform);
        var existing = await this.GetReminder(ReminderName);
        if (polled)
        {
            // Re-registering keeps the period in step with the configuration.
            await this.RegisterOrUpdateReminder(ReminderName, _options.TickPeriod, _options.TickPeriod);
        }
        else if (existing is not null)
        {
            await this.UnregisterReminder(existing);
        }

        return polled;
    }

    /// <inheritdoc />
    public Task<PollTickReport> PollNowAsync() => TickAsync();

    /// <inheritdoc />
    public Task<CollectorStatus> GetStatusAsync()
    {
        var schedule = state.State;
        var settings = _options.SettingsFor(Platform);
        var cutoff = clock.Time.GetUtcNow() - settings.BudgetWindow;
        return Task.FromResult(new CollectorStatus(
            this.GetPrimaryKeyString(),
            _options.IsPolled(Platform),
            schedule.NextPollAt.Count,
            schedule.RequestTimes.Count(t => t > cutoff),
            settings.RequestsPerWindow,
            schedule.PlatformRemaining,
            schedule.RateLimitedUntil,
            schedule.BackoffUntil,
            schedule.CircuitOpenUntil,
            schedule.ConsecutiveFailures,
            schedule.LastFailure,
            _lastTick));
    }

    /// <summary>One reminder tick: poll what is due (or remove the reminder when the platform was disabled).</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        if (!_options.IsPolled(Platform))
        {
            await StartAsync();
            return;
        }

        await TickAsync();
    }

    private async Task<PollTickReport> TickAsync()
    {
        var client = clients.FirstOrDefault(c => c.Platform == Platform)
            ?? throw new InvalidOperationException($"No client is registered for {this.GetPrimaryKeyString()}.");
        _poller ??= new PlatformPoller(client, _options.SettingsFor(Platform), accounts, recorder, clock.Time, instruments, logger);
        try
        {
            _lastTick = await _poller.TickAsync(state.State);
        }
        finally
        {
            // Whatever happened (even a recorder failure half-way), the requests sent and the pauses learnt are kept.
            await state.WriteStateAsync();
        }

        await PublishOutagesAsync();
        return _lastTick;
    }

    // The outage changes were persisted with the schedule; they leave it only once the hub has them (a failure retries next tick).
    private async Task PublishOutagesAsync()
    {
        var pending = state.State.PendingOutages;
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            await alerts.PublishAsync([.. pending.Select(OutageEvents.Of)]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The alert hub did not take {Count} outage changes of {Platform}; retrying at the next tick.", pending.Count, Platform);
            return;
        }

        pending.Clear();
        await state.WriteStateAsync();
    }
}
