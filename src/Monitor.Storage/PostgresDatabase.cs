using Npgsql;

namespace Monitor.Storage;

/// <summary>One PostgreSQL database as the PostgreSQL providers use it: the data source (owned or shared) and the schema applied once.</summary>
internal sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private readonly SchemaMigrator _migrator;
    private readonly bool _applySchema;
    private readonly bool _ownsDataSource;
    private readonly SchemaGate _schema;

    public PostgresDatabase(PostgresStorageOptions options, SchemaMigrator? migrator, string optionsName = "options")
    {
        ArgumentNullException.ThrowIfNull(options, optionsName);
        StorageArguments.ValidateServiceId(options.ServiceId, $"{optionsName}.{nameof(options.ServiceId)}");
        migrator ??= SchemaMigrator.CreateDefault(SchemaDialect.Postgres);
        if (migrator.Dialect != SchemaDialect.Postgres)
        {
            throw new ArgumentException($"The migrator is for {migrator.Dialect}, not PostgreSQL.", nameof(migrator));
        }

        if (options.DataSource is { } shared)
        {
            DataSource = shared;
        }
        else if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            // Constructed directly (not through AddPostgresGrainStorage, which shares a container-owned data source).
            var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
            PostgresDataSources.Configure(builder);
            DataSource = builder.Build();
            _ownsDataSource = true;
        }
        else
        {
            throw new ArgumentException("Set either ConnectionString or DataSource.", $"{optionsName}.{nameof(options.ConnectionString)}");
        }

        ServiceId = options.ServiceId;
        _migrator = migrator;
        _applySchema = options.ApplySchema;
        _schema = new SchemaGate(ApplySchemaAsync);
    }

    public string ServiceId { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Applies the schema scripts once per instance (later calls return at once).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => _applySchema ? _schema.EnsureAsync(cancellationToken) : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await DataSource.DisposeAsync();
        }
    }

    public void Dispose()
    {
        if (_ownsDataSource)
        {
            DataSource.Dispose();
        }
    }

    private async Task ApplySchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await _migrator.MigrateAsync(connection, cancellationToken);
    }
}
