using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Monitor.Testing;

/// <summary>
/// A PostgreSQL server for tests: a throw-away cluster in a temp folder on a free loopback port, or the
/// existing server named by <see cref="ConnectionStringVariable"/>. One per test process, shared by all test classes.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Environment variable with a connection string to an existing server to use instead of a throw-away one.</summary>
    public const string ConnectionStringVariable = "MONITOR_TEST_POSTGRES";

    private const string InstallHint =
        "Tests need PostgreSQL. Install the server binaries (Debian/Ubuntu: `apt-get install postgresql`; they land in /usr/lib/postgresql/<version>/bin), " +
        $"or set {PostgresBinaries.BinDirectoryVariable} to the folder holding initdb and pg_ctl, " +
        $"or set {ConnectionStringVariable} to a connection string of a server the tests may create databases on.";

    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(StartSharedAsync);

    private readonly string? _dataRoot;
    private readonly string? _binDirectory;
    private readonly string? _runAsUser;
    private int _disposed;

    private PostgresServer(string adminConnectionString, string? dataRoot, string? binDirectory, string? runAsUser)
    {
        AdminConnectionString = adminConnectionString;
        _dataRoot = dataRoot;
        _binDirectory = binDirectory;
        _runAsUser = runAsUser;
    }

    /// <summary>Connection string to the server's maintenance database, for creating and dropping test databases.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when this process started the server (and will stop it).</summary>
    public bool IsThrowAway => _dataRoot is not null;

    /// <summary>The server shared by every test in this process; started on first use, stopped when the process exits.</summary>
    public static Task<PostgresServer> GetSharedAsync() => SharedServer.Value;

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database created by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Starts a throw-away cluster (or connects to the configured server).</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var existing = new PostgresServer(configured, null, null, null);
            await existing.EnsureReachableAsync(cancellationToken);
            return existing;
        }

        var binDirectory = PostgresBinaries.FindBinDirectory()
            ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) were not found. " + InstallHint);

        // initdb refuses to run as root, so a root test run hands the cluster to the 'postgres' account.
        var runAsUser = Environment.UserName == "root" ? "postgres" : null;
        var dataRoot = Directory.CreateTempSubdirectory("monitor-pg-").FullName;
        try
        {
            if (runAsUser is not null)
            {
                await RunAsync("chown", [$"{runAsUser}:", dataRoot], null, cancellationToken);
            }

            var server = await InitAndStartAsync(binDirectory, dataRoot, runAsUser, cancellationToken);
            return server;
        }
        catch
        {
            TryDeleteDirectory(dataRoot);
            throw;
        }
    }

    private static async Task<PostgresServer> InitAndStartAsync(string binDirectory, string dataRoot, string? runAsUser, CancellationToken cancellationToken)
    {
        var dataDir = Path.Combine(dataRoot, "data");
        await RunAsync(Path.Combine(binDirectory, "initdb"),
            ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"],
            runAsUser, cancellationToken);

        // A free port can be taken between probing and binding; try a few.
        Exception? lastError = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FindFreeLoopbackPort();
            var serverOptions = $"-p {port} -k {dataRoot} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                                "-c full_page_writes=off -c max_connections=400 -c shared_buffers=128MB";
            try
            {
                await RunAsync(Path.Combine(binDirectory, "pg_ctl"),
                    ["-D", dataDir, "-o", serverOptions, "-l", Path.Combine(dataRoot, "server.log"), "-w", "-t", "60", "start"],
                    runAsUser, cancellationToken);
                var connectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false,
                }.ConnectionString;
                var server = new PostgresServer(connectionString, dataRoot, binDirectory, runAsUser);
                await server.EnsureReachableAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException ex)
            {
                lastError = ex;
            }
        }

        var log = File.Exists(Path.Combine(dataRoot, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(dataRoot, "server.log"), cancellationToken) : "";
        throw new InvalidOperationException($"PostgreSQL did not start after 5 attempts. Server log:\n{log}", lastError);
    }

    private async Task EnsureReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException)
        {
            throw new InvalidOperationException($"Could not connect to PostgreSQL ({ex.Message}). " + InstallHint, ex);
        }
    }

    /// <summary>Stops a throw-away cluster and deletes its folder; a configured server is left alone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1 || _dataRoot is null || _binDirectory is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
                ["-D", Path.Combine(_dataRoot, "data"), "-m", "immediate", "-w", "stop"], _runAsUser, CancellationToken.None);
        }
        finally
        {
            TryDeleteDirectory(_dataRoot);
        }
    }

    private static async Task<PostgresServer> StartSharedAsync()
    {
        var server = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }

    private static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, string? runAsUser, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = runAsUser is null ? fileName : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAsUser is not null)
        {
            foreach (var argument in new[] { "-u", runAsUser, "--", fileName })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} exited with {process.ExitCode}: {await stderr}{await stdout}".Trim());
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
