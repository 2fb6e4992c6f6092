using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Cluster.Tests.Infrastructure;
using Monitor.Client;
using Monitor.Testing;
using Npgsql;
using Orleans.Runtime;
using Xunit;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>
/// An Orleans cluster of silo child processes on a fresh database of the shared test PostgreSQL server. Silos are named
/// silo-1, silo-2, ... in start order; disposing kills those still running and drops the database.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    /// <summary>How long a silo may take to start and become an active member (2 cores shared with other builds).</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly PostgresServer _server;
    private readonly List<ClusterSiloProcess> _silos = [];
    private int _started;

    private SiloCluster(PostgresServer server, ClusterSettings settings, NpgsqlDataSource dataSource)
    {
        _server = server;
        Settings = settings;
        DataSource = dataSource;
    }

    /// <summary>What the silos share.</summary>
    public ClusterSettings Settings { get; }

    /// <summary>The cluster's database, for checks of Orleans' membership and reminder tables.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Every silo started so far (killed and stopped ones included), in start order.</summary>
    public IReadOnlyList<ClusterSiloProcess> Silos => _silos;

    /// <summary>The silos whose process still runs.</summary>
    public IReadOnlyList<ClusterSiloProcess> Running => _silos.Where(silo => !silo.HasExited).ToList();

    /// <summary>Creates a database and starts <paramref name="count"/> silos, waiting until every one is ready.</summary>
    public static Task<SiloCluster> StartAsync(int count, CancellationToken cancellationToken) => StartAsync(count, settings => settings, cancellationToken);

    /// <summary>As <see cref="StartAsync(int, CancellationToken)"/>, with settings adjusted by <paramref name="configure"/>.</summary>
    public static async Task<SiloCluster> StartAsync(int count, Func<ClusterSettings, ClusterSettings> configure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var server = await PostgresServer.GetSharedAsync();
        var created = await server.CreateDatabaseAsync("cluster", cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(created) { Pooling = true, MaxPoolSize = 30 }.ConnectionString;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var settings = configure(new ClusterSettings(connectionString, $"cluster-tests-{suffix}", $"cluster-{suffix}"));
        var cluster = new SiloCluster(server, settings, NpgsqlDataSource.Create(connectionString));
        var started = Stopwatch.GetTimestamp();
        try
        {
            // All at once: the schema migrator serialises on an advisory lock, and Orleans lets silos join together.
            await Task.WhenAll(Enumerable.Range(0, count).Select(_ => cluster.StartSiloAsync(cancellationToken)));
            lock (cluster._silos)
            {
                cluster._silos.Sort((a, b) => a.Number.CompareTo(b.Number));
            }

            var listening = Stopwatch.GetElapsedTime(started);
            await cluster.WaitAllReadyAsync(cancellationToken);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{count} silo(s) listening after {listening.TotalMilliseconds:F0} ms, ready after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms.");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo and waits until it is an active member (<c>/health/ready</c> answers 200).</summary>
    public async Task<ClusterSiloProcess> AddSiloAsync(CancellationToken cancellationToken)
    {
        var silo = await StartSiloAsync(cancellationToken);
        await silo.WaitReadyAsync(ReadyTimeout, cancellationToken);
        return silo;
    }

    /// <summary>Waits until every running silo reports ready.</summary>
    public async Task WaitAllReadyAsync(CancellationToken cancellationToken)
    {
        foreach (var silo in Running)
        {
            await silo.WaitReadyAsync(ReadyTimeout, cancellationToken);
        }
    }

    /// <summary>Configures <paramref name="accounts"/> (ingest refuses unknown accounts), through the running silos in turn, a few at a time.</summary>
    public async Task CreateAccountsAsync(IEnumerable<string> accounts, CancellationToken cancellationToken)
    {
        var running = Running;
        var options = new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(accounts.Select((account, i) => (account, silo: running[i % running.Count])), options, async (item, token) =>
        {
            if (!await new MonitorClient(item.silo.Http).PutAccountAsync(item.account, new AccountProfile(Groups: ["cluster-tests"]), token))
            {
                throw new InvalidOperationException($"Account {item.account} was not created through {item.silo.Name}.");
            }
        });
    }

    /// <summary>Every row of the cluster's <c>OrleansMembershipTable</c>.</summary>
    public async Task<IReadOnlyList<MembershipRow>> MembershipAsync(CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "SELECT address, port, generation, status, siloname FROM orleansmembershiptable WHERE deploymentid = $1 ORDER BY port, generation");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.ClusterId });
        var rows = new List<MembershipRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new MembershipRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), (SiloStatus)reader.GetInt32(3), reader.GetString(4)));
        }

        return rows;
    }

    /// <summary>The membership rows of <paramref name="silo"/> (one per incarnation on its port), oldest generation first.</summary>
    public async Task<IReadOnlyList<MembershipRow>> MembershipOfAsync(ClusterSiloProcess silo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return [.. (await MembershipAsync(cancellationToken)).Where(row => row.Port == silo.SiloPort)];
    }

    /// <summary>Polls the membership table until <paramref name="silo"/>'s every row has <paramref name="status"/>; returns when it was seen.</summary>
    public async Task<long> WaitForStatusAsync(ClusterSiloProcess silo, SiloStatus status, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var last = "";
        await Poll.UntilAsync(async () =>
        {
            var rows = await MembershipOfAsync(silo, cancellationToken);
            last = string.Join(", ", rows);
            return rows.Count > 0 && rows.All(row => row.Status == status);
        }, timeout, () => $"{silo.Name} (port {silo.SiloPort}) to be {status} in the membership table; its rows: {last}");
        return Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// How many account grain activations each running silo holds, as Orleans' dashboard (<c>/orleans</c>, admin; the
    /// tests' loopback silos run in open trial mode) reports them; polls until they add up to at least <paramref name="expected"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<ClusterSiloProcess, int>> WaitForAccountActivationsAsync(int expected, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<ClusterSiloProcess, int>();
        await Poll.UntilAsync(async () =>
        {
            counts = await AccountActivationsAsync(cancellationToken);
            return counts.Values.Sum() >= expected;
        }, TimeSpan.FromSeconds(30), () => $"{expected} account activations on the dashboard (seen: {string.Join(", ", counts.Select(entry => $"{entry.Key.Name}={entry.Value}"))})");
        return counts;
    }

    /// <summary>The rows of Orleans' reminder table for the test service.</summary>
    public async Task<IReadOnlyList<ReminderRow>> RemindersAsync(CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "SELECT grainid, remindername, period, starttime FROM orleansreminderstable WHERE serviceid = $1 ORDER BY grainid");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.ServiceId });
        var rows = new List<ReminderRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReminderRow(reader.GetString(0), reader.GetString(1), TimeSpan.FromMilliseconds(reader.GetInt64(2)), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await DataSource.DisposeAsync();
        await _server.DropDatabaseAsync(Settings.ConnectionString);
    }

    private async Task<Dictionary<ClusterSiloProcess, int>> AccountActivationsAsync(CancellationToken cancellationToken)
    {
        var running = Running;
        using var counters = JsonDocument.Parse(await running[0].Http.GetStringAsync("orleans/DashboardCounters", cancellationToken));
        var counts = running.ToDictionary(silo => silo, _ => 0);
        foreach (var stat in counters.RootElement.GetProperty("simpleGrainStats").EnumerateArray())
        {
            if (stat.GetProperty("grainType").GetString() != typeof(Monitor.Grains.Accounts.AccountGrain).FullName)
            {
                continue;
            }

            // "127.0.0.1:<port>@<generation>"
            var address = stat.GetProperty("siloAddress").GetString()!;
            var port = int.Parse(address[(address.IndexOf(':', StringComparison.Ordinal) + 1)..address.IndexOf('@', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            if (running.FirstOrDefault(silo => silo.SiloPort == port) is { } silo)
            {
                counts[silo] += stat.GetProperty("activationCount").GetInt32();
            }
        }

        return counts;
    }

    private async Task<ClusterSiloProcess> StartSiloAsync(CancellationToken cancellationToken)
    {
        var silo = await ClusterSiloProcess.StartAsync(Settings, Interlocked.Increment(ref _started), cancellationToken);
        lock (_silos)
        {
            _silos.Add(silo);
        }

        return silo;
    }
}
