using Npgsql;

namespace Monitor.Storage;

/// <summary>Settings of <see cref="PostgresGrainStorage"/>.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>
    /// The connection string, used when neither <see cref="DataSource"/> nor <see cref="DataSourceServiceKey"/> is set:
    /// <c>AddPostgresGrainStorage</c> then registers a data source for it (Npgsql.DependencyInjection); a provider constructed
    /// directly builds and owns one.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>An existing data source to share; the caller keeps ownership.</summary>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>
    /// The service key of an <see cref="NpgsqlDataSource"/> in the container (<c>AddNpgsqlDataSource(..., serviceKey: key)</c>)
    /// that <c>AddPostgresGrainStorage</c> resolves, so the grain storage shares the pool of the database's other stores.
    /// </summary>
    public object? DataSourceServiceKey { get; set; }

    /// <summary>Partitions one database between deployments; rows of other services are invisible.</summary>
    public string ServiceId { get; set; } = "monitor";

    /// <summary>Most writes and clears sent in one batch (one round trip, one transaction).</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>A batch closes once its payloads reach this many bytes (a single larger payload still goes alone).</summary>
    public long MaxBatchBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Batches in flight at once, each on its own connection; the next batch fills while these commit.</summary>
    public int MaxConcurrentBatches { get; set; } = 2;

    /// <summary>Apply deploy/sql/postgres on first use (under an advisory lock); turn off when a DBA applies the scripts.</summary>
    public bool ApplySchema { get; set; } = true;

    /// <summary>Serializer for this provider; null uses the one registered in DI, or JSON.</summary>
    public IGrainStateSerializer? Serializer { get; set; }
}
