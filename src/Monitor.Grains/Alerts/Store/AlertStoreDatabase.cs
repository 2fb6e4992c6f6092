using System.Data.Common;

namespace Monitor.Grains.Alerts.Store;

/// <summary>
/// The alert store's database for one service: opens migrated connections and builds commands whose <c>@service</c>
/// parameter names the service. Times are UTC ticks; ids compare ordinally (PostgreSQL's <c>alert_id</c> is <c>COLLATE "C"</c>).
/// </summary>
internal sealed class AlertStoreDatabase(string serviceId, SchemaGate schema, Func<CancellationToken, Task<DbConnection>> openConnection)
{
    public const string Resolved = "resolved";

    /// <summary>The most ids one <c>IN (...)</c> list carries.</summary>
    public const int IdsPerStatement = 500;

    public string ServiceId => serviceId;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await openConnection(cancellationToken).ConfigureAwait(false);
    }

    public DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        AddServiceAndParameters(command.Parameters, command.CreateParameter, parameters);
        return command;
    }

    public async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public void AddServiceAndParameters(DbParameterCollection collection, Func<DbParameter> create, IEnumerable<(string Name, object? Value)> parameters)
    {
        collection.Add(Parameter(create, "@service", serviceId));
        foreach (var (name, value) in parameters)
        {
            collection.Add(Parameter(create, name, value));
        }
    }

    public static void Add(DbCommand command, string name, object? value) => command.Parameters.Add(Parameter(command.CreateParameter, name, value));

    public static string InList(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"@id{i}"));

    public static void AddIds(DbCommand command, IReadOnlyList<string> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            Add(command, $"@id{i}", ids[i]);
        }
    }

    /// <summary>The first column of every row, a JSON record.</summary>
    public static async Task<List<T>> ReadJsonAsync<T>(DbCommand command, CancellationToken cancellationToken)
    {
        var records = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(AlertStoreJson.Deserialize<T>(reader.GetString(0)));
        }

        return records;
    }

    /// <summary>The first column of every row, a string.</summary>
    public static async Task<List<string>> ReadStringsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    private static DbParameter Parameter(Func<DbParameter> create, string name, object? value)
    {
        var parameter = create();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            // PostgreSQL must know the type of a null; every nullable column here is a bigint.
            parameter.DbType = System.Data.DbType.Int64;
        }

        return parameter;
    }
}
