namespace Monitor.Storage;

/// <summary>The SQL database a set of schema scripts is written for.</summary>
public enum SchemaDialect
{
    /// <summary>SQLite through Microsoft.Data.Sqlite (the embedded single-silo store).</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql (production and cluster mode).</summary>
    Postgres,
}
