namespace Monitor.Grains;

/// <summary>The database engine the silo stores everything in.</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file (the embedded default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database.</summary>
    Postgres,

    /// <summary>Process memory only (tests and throw-away demos).</summary>
    Memory,
}
