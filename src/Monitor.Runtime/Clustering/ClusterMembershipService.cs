using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Runtime.Activation;
using Monitor.Runtime.Storage;
using Npgsql;

namespace Monitor.Runtime.Clustering;

/// <summary>
/// The silo's cluster life: joins the membership table, heartbeats, declares silent silos dead, keeps its share of the
/// partitions (acquiring free or orphaned leases, handing off those that belong to another live silo after deactivating
/// their grains), rejoins under a new generation when it finds itself declared dead, and leaves gracefully on stop.
/// </summary>
public sealed partial class ClusterMembershipService : IHostedService, IAsyncDisposable
{
    private static readonly DeactivationReason MigratingReason = new(DeactivationReasonCode.Migrating, "The grain's partition moves to another silo.");
    private static readonly DeactivationReason LostReason = new(DeactivationReasonCode.PartitionLost, "The silo lost the grain's partition.");

    private readonly ClusterOptions _options;
    private readonly MembershipTable _table;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PartitionFence _fence;
    private readonly ClusterView _view;
    private readonly Catalog _catalog;
    private readonly IServiceProvider _services;
    private readonly ILogger<ClusterMembershipService> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly string _siloId;
    private Task _loop = Task.CompletedTask;
    private Task _handoff = Task.CompletedTask;
    private volatile bool _ready;
    private volatile bool _leaving;
    private int _lostSignal;

    internal ClusterMembershipService(
        IOptions<ClusterOptions> options,
        MembershipTable table,
        NpgsqlDataSource dataSource,
        PartitionFence fence,
        ClusterView view,
        Catalog catalog,
        IServiceProvider services,
        ILogger<ClusterMembershipService> logger)
    {
        _options = options.Value;
        _table = table;
        _fence = fence;
        _view = view;
        _catalog = catalog;
        _services = services;
        _logger = logger;
        _siloId = string.IsNullOrWhiteSpace(_options.SiloId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : _options.SiloId;
        _dataSource = dataSource;
        _fence.Refused += OnRefused;
    }

    /// <summary>True once the silo has joined and holds every partition of its fair share.</summary>
    public bool IsReady => _ready;

    /// <summary>This silo's id and generation.</summary>
    public string Identity => $"{_fence.SiloId}@{_fence.Generation}";

    /// <summary>The base URL other silos forward calls to.</summary>
    public string Address { get; private set; } = "";

    /// <summary>Joins the cluster and takes the first share of partitions (others may still be handing theirs off).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Address = _options.AdvertisedAddress;
        if (string.IsNullOrWhiteSpace(Address))
        {
            throw new InvalidOperationException("Cluster mode needs Monitor:Cluster:AdvertisedAddress (or InternalUrls to derive it from).");
        }

        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await SchemaMigrator.CreateDefault(SchemaDialect.Postgres, _services).MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        await _table.EnsurePartitionsAsync(_options.Partitions, cancellationToken).ConfigureAwait(false);
        await JoinAsync(cancellationToken).ConfigureAwait(false);
        await TickAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Leaves gracefully: marks the silo leaving, deactivates its grains, frees its partitions, marks it dead.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        _ready = false;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _handoff.ConfigureAwait(false);
        try
        {
            await _table.SetStatusAsync(_fence.SiloId, _fence.Generation, SiloStatus.Leaving, cancellationToken).ConfigureAwait(false);
            var held = _fence.HeldPartitions();
            foreach (var partition in held)
            {
                _fence.BeginRelease(partition);
            }

            await _catalog.DeactivateWhereAsync(_ => true, MigratingReason).ConfigureAwait(false);
            await _table.ReleaseAsync(_fence.SiloId, _fence.Generation, held, cancellationToken).ConfigureAwait(false);
            foreach (var partition in held)
            {
                _fence.Revoke(partition);
            }

            await _table.SetStatusAsync(_fence.SiloId, _fence.Generation, SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
            LogLeft(Identity, held.Count);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The others declare this silo dead after the death timeout and take its partitions then.
            LogLeaveFailed(exception, Identity);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _fence.Refused -= OnRefused;
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
        _refresh.Dispose();
    }

    /// <summary>Reads membership and leases again now (after a call was answered "moved"); concurrent callers share one read.</summary>
    public async Task RefreshViewAsync(CancellationToken cancellationToken = default)
    {
        if (!await _refresh.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            // A refresh is running: wait for it rather than starting another.
            await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
            _refresh.Release();
            return;
        }

        try
        {
            _view.Update(await _table.ReadMembersAsync(cancellationToken).ConfigureAwait(false),
                await _table.ReadLeasesAsync(_options.Partitions, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task JoinAsync(CancellationToken cancellationToken)
    {
        var generation = await _table.JoinAsync(_siloId, Address, cancellationToken).ConfigureAwait(false);
        _fence.Reset(_siloId, generation);
        _fence.Extend(_options.DeathTimeout - _options.HeartbeatPeriod);
        LogJoined($"{_siloId}@{generation}", Address);
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_options.HeartbeatPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    await TickAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogTickFailed(exception, Identity);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var status = await _table.HeartbeatAsync(_fence.SiloId, _fence.Generation, cancellationToken).ConfigureAwait(false);
        if (status is null)
        {
            await RejoinAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        _fence.Extend(_options.DeathTimeout - _options.HeartbeatPeriod);
        var members = await _table.ReadMembersAsync(cancellationToken).ConfigureAwait(false);
        var declared = false;
        foreach (var member in members)
        {
            if (member.Identity != Identity && member.HeartbeatAge > _options.DeathTimeout
                && await _table.DeclareDeadAsync(member, _options.DeclarationLockTimeout, cancellationToken).ConfigureAwait(false))
            {
                LogDeclaredDead(member.Identity, member.HeartbeatAge.TotalSeconds, Identity);
                declared = true;
            }
        }

        if (declared)
        {
            members = await _table.ReadMembersAsync(cancellationToken).ConfigureAwait(false);
        }

        var leases = await _table.ReadLeasesAsync(_options.Partitions, cancellationToken).ConfigureAwait(false);
        _view.Update(members, leases);
        if (Interlocked.Exchange(ref _lostSignal, 0) == 1)
        {
            await DropLostPartitionsAsync(leases).ConfigureAwait(false);
        }

        if (!_leaving)
        {
            await BalanceAsync(members, leases, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task BalanceAsync(IReadOnlyList<ClusterMember> members, PartitionLease[] leases, CancellationToken cancellationToken)
    {
        var live = members.Where(member => member.Status == SiloStatus.Active).Select(member => member.Identity).Order(StringComparer.Ordinal).ToList();
        var me = live.IndexOf(Identity);
        var targets = PartitionBalance.Assign(_options.Partitions, live);
        var alive = members.Where(member => member.IsAlive).Select(member => member.Identity).ToHashSet();

        var wanted = new List<int>();
        var surplus = new List<int>();
        var missing = 0;
        for (var p = 0; p < _options.Partitions; p++)
        {
            var lease = leases[p];
            var mine = lease.IsOwnedBy(_fence.SiloId, _fence.Generation);
            if (targets[p] == me && me >= 0)
            {
                if (!mine)
                {
                    missing++;
                    if (lease.OwnerSilo is null || !alive.Contains($"{lease.OwnerSilo}@{lease.OwnerGeneration}"))
                    {
                        wanted.Add(p);
                    }
                }
            }
            else if (mine && _fence.Holds(p) && _handoff.IsCompleted)
            {
                surplus.Add(p);
            }
        }

        if (wanted.Count > 0)
        {
            var taken = await _table.AcquireAsync(_fence.SiloId, _fence.Generation, wanted, cancellationToken).ConfigureAwait(false);
            foreach (var (partition, epoch) in taken)
            {
                _fence.Grant(partition, epoch);
            }

            missing -= taken.Count;
            if (taken.Count > 0)
            {
                LogAcquired(Identity, taken.Count, _fence.HeldCount);
                await _catalog.Reminders.ReloadAsync(cancellationToken).ConfigureAwait(false);
                await RefreshViewAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        _ready = me >= 0 && missing == 0;
        if (surplus.Count > 0)
        {
            // Handoffs deactivate (and persist) grains, which can take a while: heartbeats go on meanwhile.
            _handoff = HandOffAsync(surplus);
        }
    }

    private async Task HandOffAsync(IReadOnlyList<int> partitions)
    {
        try
        {
            var set = partitions.ToHashSet();
            foreach (var partition in partitions)
            {
                _fence.BeginRelease(partition);
            }

            await _catalog.DeactivateWhereAsync(grainId => set.Contains(_fence.PartitionOf(grainId.Key)), MigratingReason).ConfigureAwait(false);
            var released = await _table.ReleaseAsync(_fence.SiloId, _fence.Generation, partitions, CancellationToken.None).ConfigureAwait(false);
            foreach (var partition in partitions)
            {
                _fence.Revoke(partition);
            }

            await _catalog.Reminders.ReloadAsync(CancellationToken.None).ConfigureAwait(false);
            LogHandedOff(Identity, released, _fence.HeldCount);
        }
        catch (Exception exception)
        {
            LogTickFailed(exception, Identity);
        }
    }

    private async Task RejoinAsync(CancellationToken cancellationToken)
    {
        var previous = Identity;
        _ready = false;
        _fence.Expire();
        _fence.Reset(_fence.SiloId, _fence.Generation);
        await _catalog.DeactivateWhereAsync(_ => true, LostReason).ConfigureAwait(false);
        await _catalog.Reminders.ReloadAsync(cancellationToken).ConfigureAwait(false);
        LogFencedOff(previous);
        await JoinAsync(cancellationToken).ConfigureAwait(false);
    }

    // The database refused a write: find out at the next tick which partitions are really gone and drop their grains.
    private void OnRefused(PartitionFencedException refusal) => Volatile.Write(ref _lostSignal, 1);

    private async Task DropLostPartitionsAsync(PartitionLease[] leases)
    {
        var lost = new HashSet<int>();
        for (var p = 0; p < _options.Partitions; p++)
        {
            if (_fence.Holds(p) && !leases[p].IsOwnedBy(_fence.SiloId, _fence.Generation))
            {
                lost.Add(p);
                _fence.Revoke(p);
            }
        }

        if (lost.Count > 0)
        {
            await _catalog.DeactivateWhereAsync(grainId => lost.Contains(_fence.PartitionOf(grainId.Key)), LostReason).ConfigureAwait(false);
            LogLost(Identity, lost.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} joined the cluster at {Address}")]
    private partial void LogJoined(string silo, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Dead} declared dead (heartbeat {Age:F1} s old) by {Silo}")]
    private partial void LogDeclaredDead(string dead, double age, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} acquired {Count} partitions, holds {Held}")]
    private partial void LogAcquired(string silo, int count, int held);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} handed off {Count} partitions, holds {Held}")]
    private partial void LogHandedOff(string silo, int count, int held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} lost {Count} partitions to a newer owner and dropped their activations")]
    private partial void LogLost(string silo, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} was declared dead: it dropped every activation and rejoins under a new generation")]
    private partial void LogFencedOff(string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} left the cluster and freed {Count} partitions")]
    private partial void LogLeft(string silo, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} could not leave gracefully; the others will declare it dead")]
    private partial void LogLeaveFailed(Exception exception, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster heartbeat or rebalance of silo {Silo} failed")]
    private partial void LogTickFailed(Exception exception, string silo);
}
