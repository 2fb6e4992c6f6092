using Npgsql;
using NpgsqlTypes;

namespace Monitor.Runtime.Clustering;

/// <summary>
/// The cluster's tables in PostgreSQL: membership rows (join, heartbeat, death by compare-and-swap, leave) and partition
/// leases (acquire by compare-and-swap, release). Every time comparison uses the database clock.
/// </summary>
public sealed class MembershipTable
{
    private const string Alive = "('active', 'leaving')";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _serviceId;

    /// <summary>Creates the table access for <paramref name="serviceId"/> over <paramref name="dataSource"/>.</summary>
    public MembershipTable(NpgsqlDataSource dataSource, string serviceId)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        _dataSource = dataSource;
        _serviceId = serviceId;
    }

    /// <summary>Creates the service's lease rows if missing; throws when the service already has a different partition count.</summary>
    public async Task EnsurePartitionsAsync(int partitions, CancellationToken cancellationToken = default)
    {
        await using var insert = _dataSource.CreateCommand(
            "INSERT INTO partition_lease (service_id, partition) SELECT $1, p FROM generate_series(0, $2 - 1) AS p ON CONFLICT DO NOTHING");
        insert.Parameters.Add(Text(_serviceId));
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partitions });
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        await using var count = _dataSource.CreateCommand("SELECT count(*) FROM partition_lease WHERE service_id = $1");
        count.Parameters.Add(Text(_serviceId));
        var stored = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (stored != partitions)
        {
            throw new InvalidOperationException(
                $"Service '{_serviceId}' has {stored} partitions in the database but this silo is configured with {partitions}; the partition count is fixed per service.");
        }
    }

    /// <summary>Registers a new life of <paramref name="siloId"/> as active and returns its generation (one more than any before).</summary>
    public async Task<long> JoinAsync(string siloId, string address, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO silo_membership (service_id, silo_id, generation, address, status) " +
            "SELECT $1, $2, coalesce(max(generation), 0) + 1, $3, 'active' FROM silo_membership WHERE service_id = $1 AND silo_id = $2 " +
            "RETURNING generation");
        command.Parameters.Add(Text(_serviceId));
        command.Parameters.Add(Text(siloId));
        command.Parameters.Add(Text(address));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Refreshes the silo's heartbeat; returns its status, or null when it is dead (it must stop serving and rejoin).</summary>
    public async Task<SiloStatus?> HeartbeatAsync(string siloId, long generation, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "UPDATE silo_membership SET heartbeat = now() " +
            "WHERE service_id = $1 AND silo_id = $2 AND generation = $3 AND status <> 'dead' RETURNING status");
        AddSilo(command.Parameters, siloId, generation);
        var status = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return status is null ? null : ParseStatus(status);
    }

    /// <summary>Every membership row of the service, with the age of its heartbeat on the database clock.</summary>
    public async Task<IReadOnlyList<ClusterMember>> ReadMembersAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT silo_id, generation, address, status, heartbeat, now() - heartbeat FROM silo_membership WHERE service_id = $1 AND status <> 'dead' " +
            "ORDER BY silo_id, generation");
        command.Parameters.Add(Text(_serviceId));
        var members = new List<ClusterMember>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            members.Add(new ClusterMember(
                reader.GetString(0), reader.GetInt64(1), reader.GetString(2), ParseStatus(reader.GetString(3)),
                reader.GetFieldValue<DateTime>(4), reader.GetFieldValue<TimeSpan>(5)));
        }

        return members;
    }

    /// <summary>Every lease of the service, indexed by partition.</summary>
    public async Task<PartitionLease[]> ReadLeasesAsync(int partitions, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT partition, owner_silo, owner_generation, epoch FROM partition_lease WHERE service_id = $1");
        command.Parameters.Add(Text(_serviceId));
        var leases = new PartitionLease[partitions];
        for (var p = 0; p < partitions; p++)
        {
            leases[p] = new PartitionLease(p, null, null, -1);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var partition = reader.GetInt32(0);
            if (partition < partitions)
            {
                leases[partition] = new PartitionLease(
                    partition, reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetInt64(3));
            }
        }

        return leases;
    }

    /// <summary>
    /// Declares <paramref name="member"/> dead if its heartbeat is still the one seen (compare-and-swap). Waits (up to
    /// <paramref name="lockTimeout"/>) for its fenced writes in flight; false when it heartbeated meanwhile or the wait timed out.
    /// </summary>
    public async Task<bool> DeclareDeadAsync(ClusterMember member, TimeSpan lockTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var timeout = new NpgsqlCommand($"SET LOCAL lock_timeout = {(int)lockTimeout.TotalMilliseconds}", connection, transaction))
            {
                await timeout.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // FOR UPDATE conflicts with the KEY SHARE lock every fenced write holds on its silo's row: the declaration
            // waits for the writes in flight, and the status change makes every later one fail.
            await using var command = new NpgsqlCommand(
                "WITH seen AS (SELECT silo_id FROM silo_membership WHERE service_id = $1 AND silo_id = $2 AND generation = $3 " +
                "AND status <> 'dead' AND heartbeat = $4 FOR UPDATE) " +
                "UPDATE silo_membership m SET status = 'dead' FROM seen " +
                "WHERE m.service_id = $1 AND m.silo_id = $2 AND m.generation = $3",
                connection, transaction);
            AddSilo(command.Parameters, member.SiloId, member.Generation);
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = member.Heartbeat, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return changed == 1;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
    }

    /// <summary>Moves the silo's own row to <paramref name="status"/> (leaving, or dead once it has left), waiting for its own writes.</summary>
    public async Task<bool> SetStatusAsync(string siloId, long generation, SiloStatus status, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "WITH me AS (SELECT silo_id FROM silo_membership WHERE service_id = $1 AND silo_id = $2 AND generation = $3 AND status <> 'dead' FOR UPDATE) " +
            "UPDATE silo_membership m SET status = $4, heartbeat = now() FROM me WHERE m.service_id = $1 AND m.silo_id = $2 AND m.generation = $3");
        AddSilo(command.Parameters, siloId, generation);
        command.Parameters.Add(Text(FormatStatus(status)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Takes the partitions among <paramref name="partitions"/> that are free or held by a silo that is no longer alive,
    /// raising each one's epoch; returns the partitions taken with their new epochs.
    /// </summary>
    public async Task<IReadOnlyList<(int Partition, long Epoch)>> AcquireAsync(string siloId, long generation, IReadOnlyCollection<int> partitions, CancellationToken cancellationToken = default)
    {
        if (partitions.Count == 0)
        {
            return [];
        }

        await using var command = _dataSource.CreateCommand(
            "UPDATE partition_lease l SET owner_silo = $2, owner_generation = $3, epoch = l.epoch + 1 " +
            "WHERE l.service_id = $1 AND l.partition = ANY($4) AND (l.owner_silo IS NULL OR NOT EXISTS (" +
            "SELECT 1 FROM silo_membership m WHERE m.service_id = $1 AND m.silo_id = l.owner_silo AND m.generation = l.owner_generation " +
            $"AND m.status IN {Alive})) RETURNING l.partition, l.epoch");
        AddSilo(command.Parameters, siloId, generation);
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. partitions] });
        var taken = new List<(int, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            taken.Add((reader.GetInt32(0), reader.GetInt64(1)));
        }

        return taken;
    }

    /// <summary>Frees partitions this silo holds (after it deactivated their grains), raising their epochs; returns how many it freed.</summary>
    public async Task<int> ReleaseAsync(string siloId, long generation, IReadOnlyCollection<int> partitions, CancellationToken cancellationToken = default)
    {
        if (partitions.Count == 0)
        {
            return 0;
        }

        await using var command = _dataSource.CreateCommand(
            "UPDATE partition_lease SET owner_silo = NULL, owner_generation = NULL, epoch = epoch + 1 " +
            "WHERE service_id = $1 AND owner_silo = $2 AND owner_generation = $3 AND partition = ANY($4)");
        AddSilo(command.Parameters, siloId, generation);
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. partitions] });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static SiloStatus ParseStatus(string status) => status switch
    {
        "joining" => SiloStatus.Joining,
        "active" => SiloStatus.Active,
        "leaving" => SiloStatus.Leaving,
        _ => SiloStatus.Dead,
    };

    internal static string FormatStatus(SiloStatus status) => status switch
    {
        SiloStatus.Joining => "joining",
        SiloStatus.Active => "active",
        SiloStatus.Leaving => "leaving",
        _ => "dead",
    };

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    private void AddSilo(NpgsqlParameterCollection parameters, string siloId, long generation)
    {
        parameters.Add(Text(_serviceId));
        parameters.Add(Text(siloId));
        parameters.Add(new NpgsqlParameter<long> { TypedValue = generation });
    }
}
