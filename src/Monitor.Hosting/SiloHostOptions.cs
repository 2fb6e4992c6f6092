namespace Monitor.Hosting;

/// <summary>How to start a silo: where it listens and configuration that overrides appsettings and the environment.</summary>
public sealed class SiloHostOptions
{
    /// <summary>Configuration key of the storage provider (sqlite, postgres or memory).</summary>
    public const string StorageProviderKey = "Monitor:Storage:Provider";

    /// <summary>Configuration key of the SQLite database file.</summary>
    public const string SqlitePathKey = "Monitor:Storage:SqlitePath";

    /// <summary>Configuration key of the PostgreSQL connection string.</summary>
    public const string PostgresConnectionStringKey = "Monitor:Storage:PostgresConnectionString";

    /// <summary>Configuration key of the collectors' master switch (true unless set).</summary>
    public const string CollectorsEnabledKey = "Monitor:Collectors:Enabled";

    /// <summary>Addresses to listen on (semicolon-separated); null keeps the configured <c>urls</c> or http://127.0.0.1:5080.</summary>
    public string? Urls { get; set; }

    /// <summary>Configuration entries that win over appsettings.json and environment variables (the command line's options).</summary>
    public Dictionary<string, string?> Configuration { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Keeps only warnings and errors in the log (tests and the demo, whose console is for the user).</summary>
    public bool QuietLogging { get; set; }

    /// <summary>Runs after the silo's own services are registered (tests replace a clock or a client here).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Stores grains in the SQLite file at <paramref name="path"/>.</summary>
    public SiloHostOptions UseSqlite(string path)
    {
        Configuration[StorageProviderKey] = "Sqlite";
        Configuration[SqlitePathKey] = path;
        return this;
    }

    /// <summary>Stores grains in the PostgreSQL database named by <paramref name="connectionString"/>.</summary>
    public SiloHostOptions UsePostgres(string connectionString)
    {
        Configuration[StorageProviderKey] = "Postgres";
        Configuration[PostgresConnectionStringKey] = connectionString;
        return this;
    }
}
