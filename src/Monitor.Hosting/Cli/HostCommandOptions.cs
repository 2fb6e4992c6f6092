using System.CommandLine;
using Monitor.Hosting;

namespace Monitor.Hosting.Cli;

/// <summary>
/// The options of commands that start a silo or open its store (<c>serve</c>, <c>demo</c>, <c>keys</c>): where to listen and
/// where to store. <paramref name="sqliteDefault"/> says, in the help, which file a command uses without <c>--sqlite-path</c>.
/// </summary>
public sealed class HostCommandOptions(string sqliteDefault = HostCommandOptions.ServeSqliteDefault)
{
    /// <summary>The SQLite file of <c>serve</c> (and the offline key commands) unless configured otherwise.</summary>
    public const string ServeSqliteDefault = "data/monitor.db, or the Monitor:Storage:SqlitePath setting";

    /// <summary>Addresses to listen on.</summary>
    public Option<string?> Urls { get; } = new("--urls") { Description = $"Addresses to listen on (default {SiloApp.DefaultUrls}, or the 'urls' setting)." };

    /// <summary>The storage provider.</summary>
    public Option<string?> Storage { get; } = new("--storage")
    {
        Description = "Storage provider: sqlite (default), postgres or memory (also Monitor:Storage:Provider / Monitor__Storage__Provider).",
    };

    /// <summary>The SQLite file.</summary>
    public Option<string?> SqlitePath { get; } = new("--sqlite-path") { Description = $"SQLite database file (default {sqliteDefault})." };

    /// <summary>The PostgreSQL connection string.</summary>
    public Option<string?> Postgres { get; } = new("--postgres") { Description = "PostgreSQL connection string (with --storage postgres)." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Storage.AcceptOnlyFromAmong("sqlite", "postgres", "memory");
        command.Options.Add(Urls);
        command.Options.Add(Storage);
        command.Options.Add(SqlitePath);
        command.Options.Add(Postgres);
    }

    /// <summary>The host options the command line asks for; unset options leave configuration as it is.</summary>
    public SiloHostOptions Read(ParseResult parseResult, string? defaultSqlitePath = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var options = new SiloHostOptions { Urls = parseResult.GetValue(Urls) };
        if (parseResult.GetValue(Storage) is { } storage)
        {
            options.Configuration[SiloHostOptions.StorageProviderKey] = storage;
        }

        if ((parseResult.GetValue(SqlitePath) ?? defaultSqlitePath) is { } path)
        {
            options.Configuration[SiloHostOptions.SqlitePathKey] = path;
        }

        if (parseResult.GetValue(Postgres) is { } connectionString)
        {
            options.Configuration[SiloHostOptions.PostgresConnectionStringKey] = connectionString;
            options.Configuration.TryAdd(SiloHostOptions.StorageProviderKey, "postgres");
        }

        return options;
    }
}
