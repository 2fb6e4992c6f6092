using Npgsql;
using Xunit;

namespace Monitor.Testing;

/// <summary>
/// A fresh, empty PostgreSQL database for one test class (use with <c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>),
/// on the process-wide <see cref="PostgresServer"/>; dropped when the class finishes.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private string? _connectionString;
    private NpgsqlDataSource? _dataSource;

    /// <summary>The server this database lives on.</summary>
    public PostgresServer Server { get; private set; } = null!;

    /// <summary>Connection string to this class's database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>A pooled data source for this class's database.</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async ValueTask InitializeAsync()
    {
        Server = await PostgresServer.GetSharedAsync();
        _connectionString = await Server.CreateDatabaseAsync();
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = true, MaxPoolSize = 20 }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_connectionString is not null)
        {
            await Server.DropDatabaseAsync(_connectionString);
        }
    }
}
