using Monitor.Abstractions.Accounts;
using Monitor.Runtime.Clustering;
using Monitor.Silo.Cli;
using Monitor.Testing;
using Npgsql;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>
/// A cluster of silo child processes on a fresh database of the shared test PostgreSQL server. Silos are named
/// silo-1, silo-2, ... in start order; disposing kills those still running and drops the database.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    /// <summary>How long a silo may take to join and take its share of partitions (2 cores shared with other builds).</summary>
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

    /// <summary>The cluster's database, for checks of membership and leases.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Every silo started so far (killed and stopped ones included), in start order.</summary>
    public IReadOnlyList<ClusterSiloProcess> Silos => _silos;

    /// <summary>Creates a database and starts <paramref name="count"/> silos, waiting until every one is ready.</summary>
    public static Task<SiloCluster> StartAsync(int count, CancellationToken cancellationToken) => StartAsync(count, webhookUrl: null, webhookSecret: "", cancellationToken);

    /// <summary>As <see cref="StartAsync(int, CancellationToken)"/>, with every silo configured to deliver alerts to <paramref name="webhookUrl"/>, signed with <paramref name="webhookSecret"/>.</summary>
    public static async Task<SiloCluster> StartAsync(int count, Uri? webhookUrl, string webhookSecret, CancellationToken cancellationToken)
    {
        var server = await PostgresServer.GetSharedAsync();
        var created = await server.CreateDatabaseAsync("cluster", cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(created) { Pooling = true, MaxPoolSize = 30 }.ConnectionString;
        var cluster = new SiloCluster(server, new ClusterSettings(connectionString, "cluster-tests") { WebhookUrl = webhookUrl, WebhookSecret = webhookSecret }, NpgsqlDataSource.Create(connectionString));
        try
        {
            // One at a time: the first creates the schema, and each later one joins a cluster that already runs.
            for (var i = 0; i < count; i++)
            {
                await cluster.AddSiloAsync(cancellationToken);
            }

            await cluster.WaitAllReadyAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo and waits until it listens (use <see cref="WaitAllReadyAsync"/> for its partitions).</summary>
    public async Task<ClusterSiloProcess> AddSiloAsync(CancellationToken cancellationToken)
    {
        var silo = await ClusterSiloProcess.StartAsync(Settings, $"silo-{++_started}", cancellationToken);
        _silos.Add(silo);
        await silo.WaitReadyAsync(ReadyTimeout, cancellationToken);
        return silo;
    }

    /// <summary>Waits until every running silo reports ready (the rebalance after a join or leave has settled).</summary>
    public async Task WaitAllReadyAsync(CancellationToken cancellationToken)
    {
        foreach (var silo in _silos.Where(silo => !silo.HasExited))
        {
            await silo.WaitReadyAsync(ReadyTimeout, cancellationToken);
        }
    }

    /// <summary>Configures <paramref name="accounts"/> (ingest refuses unknown accounts), through the silos in turn.</summary>
    public async Task CreateAccountsAsync(IEnumerable<string> accounts, CancellationToken cancellationToken)
    {
        var i = 0;
        foreach (var account in accounts)
        {
            var silo = _silos.Where(silo => !silo.HasExited).ElementAt(i++ % _silos.Count(silo => !silo.HasExited));
            if (!await new MonitorClient(silo.Http).PutAccountAsync(account, new AccountProfile(Groups: ["cluster-tests"]), cancellationToken))
            {
                throw new InvalidOperationException($"Account {account} was not created through {silo.SiloId}.");
            }
        }
    }

    /// <summary>The silo id that holds the lease of <paramref name="accountKey"/>'s partition now (null when free).</summary>
    public async Task<string?> OwnerOfAsync(string accountKey, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "SELECT owner_silo FROM partition_lease WHERE service_id = $1 AND partition = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PartitionMap.PartitionOf(accountKey, Settings.Partitions) });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>How many reminder rows belong to grains of the partitions each silo holds now, by silo id.</summary>
    public async Task<Dictionary<string, int>> RemindersByOwnerAsync(CancellationToken cancellationToken)
    {
        var owners = new Dictionary<int, string>();
        await using (var leases = DataSource.CreateCommand("SELECT partition, owner_silo FROM partition_lease WHERE service_id = $1 AND owner_silo IS NOT NULL"))
        {
            leases.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.ServiceId });
            await using var reader = await leases.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                owners[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        var counts = new Dictionary<string, int>();
        await using var reminders = DataSource.CreateCommand("SELECT grain_key FROM reminders WHERE service_id = $1");
        reminders.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.ServiceId });
        await using (var reader = await reminders.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var owner = owners.GetValueOrDefault(PartitionMap.PartitionOf(reader.GetString(0), Settings.Partitions), "");
                counts[owner] = counts.GetValueOrDefault(owner) + 1;
            }
        }

        return counts;
    }

    /// <summary>The statuses of every membership row of <paramref name="siloId"/>, by generation.</summary>
    public async Task<IReadOnlyList<(long Generation, string Status)>> MembershipOfAsync(string siloId, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "SELECT generation, status FROM silo_membership WHERE service_id = $1 AND silo_id = $2 ORDER BY generation");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Settings.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = siloId });
        var rows = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
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
}
