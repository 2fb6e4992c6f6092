using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Runtime.Clustering;

/// <summary>
/// The partitions this silo holds, with their epochs, as PostgreSQL writers need them: a writer claims the partitions of
/// the keys it writes (refused at once when the silo does not hold one) and runs <see cref="CheckSql"/> first in its
/// transaction, so the database refuses the write when an epoch is stale or the silo was declared dead.
/// </summary>
public sealed class PartitionFence
{
    /// <summary>The statement that checks a claim inside a write transaction; parameters as <see cref="AddParameters"/> adds them.</summary>
    public const string CheckSql = "SELECT monitor_fence($1, $2, $3, $4, $5)";

    private const string StaleMemberState = "MF001";
    private const string StaleEpochState = "MF002";

    // -1: not held; otherwise the epoch. Written by the membership service only, read by every writer.
    private readonly long[] _epochs;
    private readonly bool[] _releasing;
    private long _validUntil;
    private string _siloId = "";
    private long _generation;

    /// <summary>Creates an empty fence (holding nothing) for <paramref name="partitions"/> partitions of <paramref name="serviceId"/>.</summary>
    public PartitionFence(string serviceId, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ServiceId = serviceId;
        PartitionCount = partitions;
        _epochs = new long[partitions];
        _releasing = new bool[partitions];
        Array.Fill(_epochs, -1);
    }

    /// <summary>Raised when the database refused a write: the silo drops the activations of those partitions (or of all, when it was fenced off).</summary>
    public event Action<PartitionFencedException>? Refused;

    /// <summary>The service the partitions belong to.</summary>
    public string ServiceId { get; }

    /// <summary>How many partitions the service has.</summary>
    public int PartitionCount { get; }

    /// <summary>This silo's id.</summary>
    public string SiloId => Volatile.Read(ref _siloId);

    /// <summary>This silo life's generation (0 before it joined).</summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>How many partitions the silo holds now.</summary>
    public int HeldCount => _epochs.Count(epoch => epoch >= 0);

    /// <summary>The partition of a grain key.</summary>
    public int PartitionOf(string key) => PartitionMap.PartitionOf(key, PartitionCount);

    /// <summary>Whether the silo holds the partition and is not handing it off (calls for it may run here).</summary>
    public bool Serves(int partition) => Volatile.Read(ref _epochs[partition]) >= 0 && !Volatile.Read(ref _releasing[partition]) && IsValid;

    /// <summary>Whether the silo holds the partition, even while handing it off (its grains may still write).</summary>
    public bool Holds(int partition) => Volatile.Read(ref _epochs[partition]) >= 0;

    /// <summary>The partitions held now.</summary>
    public IReadOnlyList<int> HeldPartitions()
    {
        var held = new List<int>();
        for (var p = 0; p < PartitionCount; p++)
        {
            if (Holds(p))
            {
                held.Add(p);
            }
        }

        return held;
    }

    /// <summary>Claims the partitions of <paramref name="keys"/>; throws <see cref="PartitionFencedException"/> when one is not held.</summary>
    public FenceClaim Claim(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!IsValid)
        {
            throw new PartitionFencedException($"Silo {SiloId}@{Generation} has not heartbeated within its lease time; it refuses writes until it has.");
        }

        var partitions = new HashSet<int>();
        foreach (var key in keys)
        {
            partitions.Add(PartitionOf(key));
        }

        var list = partitions.ToArray();
        var epochs = new long[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            epochs[i] = Volatile.Read(ref _epochs[list[i]]);
            if (epochs[i] < 0)
            {
                throw new PartitionFencedException($"Silo {SiloId}@{Generation} does not own partition {list[i]}; retry.") { Partitions = [list[i]] };
            }
        }

        return new FenceClaim(ServiceId, SiloId, Generation, list, epochs);
    }

    /// <summary>Adds the five parameters of <see cref="CheckSql"/> for <paramref name="claim"/>.</summary>
    public static void AddParameters(NpgsqlParameterCollection parameters, FenceClaim claim)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(claim);
        parameters.Add(new NpgsqlParameter<string> { TypedValue = claim.ServiceId, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = claim.SiloId, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = claim.Generation });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = claim.Partitions });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = claim.Epochs });
    }

    /// <summary>
    /// Turns the database's refusal of a fenced write into <see cref="PartitionFencedException"/> and tells the silo (which
    /// drops the affected activations); false for any other error.
    /// </summary>
    public bool TryTranslate(Exception exception, out PartitionFencedException fenced)
    {
        fenced = null!;
        if (exception is not PostgresException { SqlState: StaleMemberState or StaleEpochState } refusal)
        {
            return false;
        }

        const string marker = "partitions ";
        var at = refusal.MessageText.LastIndexOf(marker, StringComparison.Ordinal);
        var partitions = refusal.SqlState == StaleEpochState && at >= 0
            ? refusal.MessageText[(at + marker.Length)..].Split(',').Select(p => int.TryParse(p, out var n) ? n : -1).Where(n => n >= 0).ToArray()
            : [];
        fenced = new PartitionFencedException($"The database refused the write: {refusal.MessageText}.", refusal) { Partitions = partitions };
        Refused?.Invoke(fenced);
        return true;
    }

    /// <summary>Sets the silo life the fence claims for (at join and rejoin); drops everything held before.</summary>
    internal void Reset(string siloId, long generation)
    {
        Array.Fill(_epochs, -1);
        Array.Clear(_releasing);
        Volatile.Write(ref _siloId, siloId);
        Volatile.Write(ref _generation, generation);
    }

    internal void Grant(int partition, long epoch)
    {
        Volatile.Write(ref _releasing[partition], false);
        Volatile.Write(ref _epochs[partition], epoch);
    }

    internal void BeginRelease(int partition) => Volatile.Write(ref _releasing[partition], true);

    internal void Revoke(int partition)
    {
        Volatile.Write(ref _epochs[partition], -1);
        Volatile.Write(ref _releasing[partition], false);
    }

    /// <summary>Claims are accepted until <paramref name="validFor"/> from now (extended after each successful heartbeat).</summary>
    internal void Extend(TimeSpan validFor) => Volatile.Write(ref _validUntil, Stopwatch.GetTimestamp() + (long)(validFor.TotalSeconds * Stopwatch.Frequency));

    internal void Expire() => Volatile.Write(ref _validUntil, 0);

    private bool IsValid => Stopwatch.GetTimestamp() < Volatile.Read(ref _validUntil);
}
