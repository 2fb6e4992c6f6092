using Npgsql;

namespace Monitor.Storage;

/// <summary>How Monitor sets up the one <see cref="NpgsqlDataSource"/> of a PostgreSQL database its stores share.</summary>
public static class PostgresDataSources
{
    /// <summary>The data source's name in Npgsql's metrics and traces (the pool name), instead of the connection string.</summary>
    public const string Name = "monitor";

    /// <summary>Names the data source and, unless the connection string says otherwise, lets Npgsql prepare statements.</summary>
    public static void Configure(NpgsqlDataSourceBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Name ??= Name;
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The same few statements run all the time: let Npgsql prepare them per physical connection.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }
    }
}
