using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Runtime.Activation;
using Monitor.Runtime.Clustering;
using Monitor.Runtime.Configuration;
using Monitor.Runtime.Telemetry;

namespace Monitor.Runtime.Reminders;

/// <summary>
/// Fires durable reminders: loads every row of the <see cref="IReminderTable"/> at start, keeps one schedule per reminder, and at each
/// due time calls <see cref="IRemindable.ReceiveReminder"/> through the grain call path (which activates the grain). Ticks missed while
/// the silo was down are not replayed; the next tick is the next period boundary after the start time.
/// </summary>
internal sealed partial class ReminderService : IHostedService
{
    // Task.Delay accepts at most about 49 days; longer waits are taken in steps.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), ScheduledReminder> _schedules = new();
    private readonly IServiceProvider _services;
    private readonly IGrainFactory _grainFactory;
    private readonly GrainTypeRegistry _registry;
    private readonly ReminderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly RuntimeInstruments _instruments;
    private readonly ILogger<ReminderService> _logger;
    private readonly CancellationTokenSource _stopping = new();

    public ReminderService(
        IServiceProvider services,
        IGrainFactory grainFactory,
        GrainTypeRegistry registry,
        IOptions<ReminderOptions> options,
        TimeProvider timeProvider,
        RuntimeInstruments instruments,
        ILogger<ReminderService> logger)
    {
        _services = services;
        _grainFactory = grainFactory;
        _registry = registry;
        _options = options.Value;
        if (_options.MinimumReminderPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                $"{nameof(ReminderOptions)}.{nameof(ReminderOptions.MinimumReminderPeriod)}", _options.MinimumReminderPeriod, "The minimum reminder period must be positive.");
        }

        _timeProvider = timeProvider;
        _instruments = instruments;
        _logger = logger;
        instruments.Meter.CreateObservableGauge(RuntimeTelemetry.RemindersScheduled, () => _schedules.Count, "{reminder}", "Reminders scheduled on this silo");

        // Cluster mode: only reminders of grains whose partition this silo holds are scheduled here (none before it joins;
        // the membership service reloads them whenever partitions move).
        if (services.GetService<PartitionFence>() is { } fence)
        {
            Owns = grainId => fence.Holds(fence.PartitionOf(grainId.Key));
        }
    }

    /// <summary>Number of reminders currently scheduled in this silo.</summary>
    public int ScheduledCount => _schedules.Count;

    /// <summary>Cluster mode: whether this silo owns a grain's partition; only those grains' reminders are scheduled here.</summary>
    internal Func<GrainId, bool>? Owns { get; set; }

    private IReminderTable? Table => _services.GetService<IReminderTable>();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Table is not { } table)
        {
            return;
        }

        foreach (var entry in await table.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (Owns?.Invoke(entry.GrainId) ?? true)
            {
                Schedule(entry);
            }
        }
    }

    /// <summary>Cluster mode, after partitions moved: schedules the reminders of grains this silo now owns and stops the others.</summary>
    internal async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (Table is not { } table || _stopping.IsCancellationRequested)
        {
            return;
        }

        var owns = Owns ?? (_ => true);
        foreach (var (key, schedule) in _schedules)
        {
            if (!owns(key.GrainId) && _schedules.TryRemove(KeyValuePair.Create(key, schedule)))
            {
                schedule.Cancel();
            }
        }

        foreach (var entry in await table.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (owns(entry.GrainId) && !_schedules.ContainsKey((entry.GrainId, entry.ReminderName)))
            {
                Schedule(entry);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        var loops = _schedules.Values.Select(schedule => schedule.Loop).ToArray();
        await Task.WhenAll(loops).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must be zero or positive.");
        }

        if (period < _options.MinimumReminderPeriod || period == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"The reminder period must be at least {_options.MinimumReminderPeriod} (ReminderOptions.MinimumReminderPeriod); use a grain timer for shorter periods.");
        }

        if (!_registry.GetByTypeName(grainId.Type).IsRemindable)
        {
            throw new InvalidOperationException($"Grain {grainId} registers reminder '{reminderName}' but its class does not implement {nameof(IRemindable)}.");
        }

        var table = RequireTable();
        var previous = _schedules.TryGetValue((grainId, reminderName), out var schedule) ? schedule.Entry.ETag : null;
        var entry = new ReminderEntry(grainId, reminderName, _timeProvider.GetUtcNow() + dueTime, period, previous);
        var eTag = await table.UpsertRowAsync(entry).ConfigureAwait(false);
        entry = entry with { ETag = eTag };
        Schedule(entry);
        return new GrainReminder(grainId, reminderName, eTag);
    }

    public async Task UnregisterAsync(GrainId grainId, IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var table = RequireTable();
        var key = (grainId, reminder.ReminderName);
        var eTag = _schedules.TryGetValue(key, out var schedule) ? schedule.Entry.ETag : (reminder as GrainReminder)?.ETag;
        eTag ??= (await table.ReadRowAsync(grainId, reminder.ReminderName).ConfigureAwait(false))?.ETag;
        if (eTag is not null && !await table.RemoveRowAsync(grainId, reminder.ReminderName, eTag).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Reminder '{reminder.ReminderName}' of grain {grainId} changed in the reminder table (ETag {eTag} is stale); read it again before removing it.");
        }

        if (_schedules.TryRemove(key, out var removed))
        {
            removed.Cancel();
        }
    }

    public async Task<IGrainReminder?> GetReminderAsync(GrainId grainId, string reminderName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        var row = await RequireTable().ReadRowAsync(grainId, reminderName).ConfigureAwait(false);
        return row is null ? null : new GrainReminder(grainId, row.ReminderName, row.ETag);
    }

    public async Task<IReadOnlyList<IGrainReminder>> GetRemindersAsync(GrainId grainId)
    {
        var rows = await RequireTable().ReadRowsAsync(grainId).ConfigureAwait(false);
        return rows.Select(row => (IGrainReminder)new GrainReminder(grainId, row.ReminderName, row.ETag)).ToArray();
    }

    /// <summary>The next due time strictly after <paramref name="lastTick"/> and not before <paramref name="now"/>, on the reminder's period grid.</summary>
    internal static DateTimeOffset NextTick(ReminderEntry entry, DateTimeOffset now, DateTimeOffset? lastTick)
    {
        var earliest = lastTick is { } last && last >= now ? last + TimeSpan.FromTicks(1) : now;
        if (earliest <= entry.StartAt)
        {
            return entry.StartAt;
        }

        var periods = (earliest - entry.StartAt).Ticks / entry.Period.Ticks;
        var candidate = entry.StartAt + TimeSpan.FromTicks(periods * entry.Period.Ticks);
        return candidate >= earliest ? candidate : candidate + entry.Period;
    }

    private IReminderTable RequireTable() =>
        Table ?? throw new InvalidOperationException("No IReminderTable is registered; register a reminder table (e.g. the in-memory or SQLite one) to use reminders.");

    private void Schedule(ReminderEntry entry)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        var schedule = new ScheduledReminder(entry, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        schedule.Loop = Task.Run(() => RunAsync(schedule));
        _schedules.AddOrUpdate((entry.GrainId, entry.ReminderName), schedule, (_, previous) =>
        {
            previous.Cancel();
            return schedule;
        });
    }

    private async Task RunAsync(ScheduledReminder schedule)
    {
        var entry = schedule.Entry;
        var token = schedule.Cancellation.Token;
        IRemindable grain;
        try
        {
            grain = _grainFactory.GetGrain<IRemindable>(entry.GrainId);
        }
        catch (ArgumentException exception)
        {
            // A row of a grain type this silo does not host (or no longer remindable): leave it in the table, do not fire it.
            LogUnknownGrain(exception, entry.ReminderName, entry.GrainId);
            return;
        }

        DateTimeOffset? lastTick = null;
        while (!token.IsCancellationRequested)
        {
            var due = NextTick(entry, _timeProvider.GetUtcNow(), lastTick);
            try
            {
                for (var wait = due - _timeProvider.GetUtcNow(); wait > TimeSpan.Zero; wait = due - _timeProvider.GetUtcNow())
                {
                    await Task.Delay(wait < LongestWait ? wait : LongestWait, _timeProvider, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await grain.ReceiveReminder(entry.ReminderName, new TickStatus(entry.StartAt, entry.Period, due)).ConfigureAwait(false);
                _instruments.ReminderTicks.Add(1, new KeyValuePair<string, object?>("outcome", "delivered"));
            }
            catch (Exception exception)
            {
                _instruments.ReminderTicks.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
                LogTickFailed(exception, entry.ReminderName, entry.GrainId);
            }

            lastTick = due;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {ReminderName} of grain {GrainId} is not scheduled: its grain type is not hosted here")]
    private partial void LogUnknownGrain(Exception exception, string reminderName, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderName} of grain {GrainId} failed to deliver a tick")]
    private partial void LogTickFailed(Exception exception, string reminderName, GrainId grainId);

    /// <summary>One scheduled reminder and its loop.</summary>
    private sealed class ScheduledReminder(ReminderEntry entry, CancellationTokenSource cancellation)
    {
        public ReminderEntry Entry { get; } = entry;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        public Task Loop { get; set; } = Task.CompletedTask;

        public void Cancel() => Cancellation.Cancel();
    }
}
