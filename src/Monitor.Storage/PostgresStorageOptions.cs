using Npgsql;

namespace Monitor.Storage;

/// <summary>Settings of <see cref="PostgresGrainStorage"/>.</summary>
public sealed class PostgresStorageOptions
{
    // Connection string, used when DataSource is null; the provider then owns (and disposes) the data source it builds.
    public string? ConnectionString { get; set; }

    // An existing data source to share; the caller keeps ownership.
    public NpgsqlDataSource? DataSource { get; set; }

    // Partitions one database between deployments; rows of other services are invisible.
    public string ServiceId { get; set; } = "monitor";

    // Most writes and clears sent in one batch (one round trip, one transaction).
    public int MaxBatchSize { get; set; } = 256;

    // A batch closes once its payloads reach this many bytes (a single larger payload still goes alone).
    public long MaxBatchBytes { get; set; } = 8 * 1024 * 1024;

    // Batches in flight at once, each on its own connection; the next batch fills while these commit.
    public int MaxConcurrentBatches { get; set; } = 2;

    // Apply deploy/sql/postgres on first use (under an advisory lock); turn off when a DBA applies the scripts.
    public bool ApplySchema { get; set; } = true;

    // Serializer for this provider; null uses the one registered in DI, or JSON.
    public IGrainStateSerializer? Serializer { get; set; }
}
