using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Data;
using System.Diagnostics;
using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Monitor.Storage;

/// <summary>
/// Applies versioned schema scripts to a database, each once and inside its own transaction, recording them in a
/// <c>schema_version</c> table. Safe to run at every silo start: on PostgreSQL an advisory lock keeps silos that start
/// together from racing, and on SQLite each script's check-and-apply runs under the database write lock.
/// </summary>
/// <remarks>
/// Scripts come from <see cref="IMigrationSource"/>s (Monitor.Storage's own are in <c>deploy/sql/{postgres,sqlite}</c>);
/// other assemblies add theirs with <see cref="AddScripts"/>. Configure the sources before the first migration.
/// A script must be transactional (no <c>CREATE INDEX CONCURRENTLY</c>, no <c>VACUUM</c>).
/// </remarks>
public sealed class SchemaMigrator
{
    /// <summary>Key of the PostgreSQL advisory lock held while migrating (the ASCII of "Monitor").</summary>
    public const long PostgresAdvisoryLockKey = 0x4D6F6E69746F72;

    private const string RuntimePostgresPrefix = "Monitor.Sql.Postgres.";
    private const string RuntimeSqlitePrefix = "Monitor.Sql.Sqlite.";

    private readonly List<IMigrationSource> _sources = [];

    /// <summary>Creates a migrator with no scripts; see <see cref="CreateDefault"/> for one with Monitor.Storage's.</summary>
    public SchemaMigrator(SchemaDialect dialect)
    {
        if (!Enum.IsDefined(dialect))
        {
            throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Unknown schema dialect.");
        }

        Dialect = dialect;
    }

    /// <summary>The database kind the scripts are for.</summary>
    public SchemaDialect Dialect { get; }

    /// <summary>How long to wait for another silo's migration (PostgreSQL advisory lock) before giving up.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Where each applied script is logged, with its time: a script that rewrites a large table (an upgrade) can hold a
    /// silo's start for minutes, and the log says why.
    /// </summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>A migrator holding Monitor.Storage's own scripts (grain state, reminders) for <paramref name="dialect"/>.</summary>
    public static SchemaMigrator CreateDefault(SchemaDialect dialect) =>
        new SchemaMigrator(dialect).AddScripts(typeof(SchemaMigrator).Assembly,
            dialect == SchemaDialect.Postgres ? RuntimePostgresPrefix : RuntimeSqlitePrefix);

    /// <summary>The default migrator plus every <see cref="IMigrationSource"/> registered with the container.</summary>
    public static SchemaMigrator CreateDefault(SchemaDialect dialect, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var migrator = CreateDefault(dialect);
        migrator.Logger = services.GetService<ILoggerFactory>()?.CreateLogger<SchemaMigrator>() ?? NullLogger<SchemaMigrator>.Instance;
        foreach (var source in services.GetServices<IMigrationSource>())
        {
            migrator.AddSource(source);
        }

        return migrator;
    }

    /// <summary>Adds the <c>.sql</c> resources of <paramref name="assembly"/> named <c>{resourcePrefix}NNNN_name.sql</c>.</summary>
    public SchemaMigrator AddScripts(Assembly assembly, string resourcePrefix) =>
        AddSource(new EmbeddedMigrationSource(assembly, Dialect, resourcePrefix));

    /// <summary>Adds a source of scripts.</summary>
    public SchemaMigrator AddSource(IMigrationSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _sources.Add(source);
        return this;
    }

    /// <summary>All scripts for <see cref="Dialect"/>, in the order they are applied; throws on two scripts with one name.</summary>
    public IReadOnlyList<MigrationScript> GetScripts()
    {
        var scripts = _sources.SelectMany(source => source.GetScripts(Dialect))
            .OrderBy(script => script.Version).ThenBy(script => script.Name, StringComparer.Ordinal)
            .ToList();
        var duplicate = scripts.GroupBy(script => script.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migration scripts are named '{duplicate.Key}'; script names must be unique per database.");
        }

        return scripts;
    }

    /// <summary>
    /// Applies the scripts not yet recorded in <c>schema_version</c> and returns them (empty when the schema was current).
    /// Throws when an applied script's text has changed since.
    /// </summary>
    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var expected = Dialect == SchemaDialect.Postgres ? typeof(NpgsqlConnection) : typeof(SqliteConnection);
        if (!expected.IsInstanceOfType(connection))
        {
            throw new ArgumentException($"A {Dialect} migrator needs a {expected.Name}, not a {connection.GetType().Name}.", nameof(connection));
        }

        var scripts = GetScripts();
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        if (Dialect == SchemaDialect.Postgres)
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({PostgresAdvisoryLockKey})", cancellationToken, (int)LockTimeout.TotalSeconds);
            try
            {
                return await ApplyAsync(connection, scripts, cancellationToken);
            }
            finally
            {
                // A session-level lock outlives the call on a pooled connection unless released.
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({PostgresAdvisoryLockKey})", CancellationToken.None);
            }
        }

        return await ApplyAsync(connection, scripts, cancellationToken);
    }

    private async Task<IReadOnlyList<MigrationScript>> ApplyAsync(DbConnection connection, IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, Dialect == SchemaDialect.Postgres
            ? "CREATE TABLE IF NOT EXISTS schema_version (script_name text PRIMARY KEY, version integer NOT NULL, checksum text NOT NULL, applied_on timestamptz NOT NULL DEFAULT now())"
            : "CREATE TABLE IF NOT EXISTS schema_version (script_name TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, checksum TEXT NOT NULL, applied_on TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))",
            cancellationToken);

        var recorded = await ReadRecordedAsync(connection, null, cancellationToken);
        var applied = new List<MigrationScript>();
        foreach (var script in scripts)
        {
            if (recorded.TryGetValue(script.Name, out var checksum))
            {
                EnsureUnchanged(script, checksum);
                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Read again under the write lock: another process may have applied it since (SQLite has no advisory lock).
            if ((await ReadRecordedAsync(connection, transaction, cancellationToken)).TryGetValue(script.Name, out checksum))
            {
                EnsureUnchanged(script, checksum);
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            Logger.LogInformation("Applying schema script {Script} (database {Database})", script.Name, connection.DataSource);
            var started = Stopwatch.GetTimestamp();
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (script_name, version, checksum) VALUES (@name, @version, @checksum)";
                AddParameter(record, "@name", script.Name);
                AddParameter(record, "@version", script.Version);
                AddParameter(record, "@checksum", script.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            Logger.LogInformation("Applied schema script {Script} in {ElapsedMs:F0} ms", script.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            applied.Add(script);
        }

        return applied;
    }

    private static void EnsureUnchanged(MigrationScript script, string recordedChecksum)
    {
        if (!string.Equals(script.Checksum, recordedChecksum, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Migration script '{script.Name}' was changed after it was applied (checksum {script.Checksum}, recorded {recordedChecksum}). " +
                "Add a new script instead of editing an applied one.");
        }
    }

    private static async Task<Dictionary<string, string>> ReadRecordedAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // SQLite only takes its write lock at the first write; this read inside BEGIN IMMEDIATE already holds it.
        command.CommandText = "SELECT script_name, checksum FROM schema_version";
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded[reader.GetString(0)] = reader.GetString(1);
        }

        return recorded;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, int? timeoutSeconds = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (timeoutSeconds is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
