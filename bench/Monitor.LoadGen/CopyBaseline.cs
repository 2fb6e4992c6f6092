using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.LoadGen;

/// <summary>The floor the silo is compared with: a raw binary COPY of the same rows into a bare PostgreSQL table.</summary>
public static class CopyBaseline
{
    /// <summary>Copies every row <paramref name="rows"/> issued and returns how long the COPY took.</summary>
    public static async Task<TimeSpan> RunAsync(string connectionString, SyntheticRows rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE loadgen_copy (account text, ts timestamptz, followers bigint, following bigint, posts bigint, source text)", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        await using (var writer = await connection.BeginBinaryImportAsync("COPY loadgen_copy FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (long i = 0; i < rows.Issued; i++)
            {
                var row = rows.Row(i);
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(row.Account, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(row.Timestamp, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(row.Followers, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteNullAsync(cancellationToken);
                await writer.WriteAsync(row.Posts!.Value, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(row.Source!, NpgsqlDbType.Text, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        return clock.Elapsed;
    }
}
