using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.LoadGen;

/// <summary>
/// The floor the silo is compared with: a raw binary COPY of the same rows into the same table the silo writes, the
/// <c>observation</c> log with its key and identity, committed (so the WAL is flushed, as for an acknowledged batch).
/// The rows go under a service id of their own and are deleted afterwards.
/// </summary>
public static class CopyBaseline
{
    /// <summary>The service id the baseline's rows are written under.</summary>
    public const string ServiceId = "loadgen-copy-baseline";

    /// <summary>Copies the first <paramref name="count"/> rows of <paramref name="rows"/> and returns how long the COPY and its commit took.</summary>
    public static async Task<TimeSpan> RunAsync(string connectionString, SyntheticRows rows, long count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await DeleteAsync(connection, cancellationToken);
        var clock = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY observation (service_id, account, ts, followers, following, posts, source) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                for (long i = 0; i < count; i++)
                {
                    var row = rows.Row(i);
                    writer.StartRow();
                    writer.Write(ServiceId, NpgsqlDbType.Text);
                    writer.Write(row.Account, NpgsqlDbType.Text);
                    writer.Write(row.Timestamp.UtcDateTime, NpgsqlDbType.TimestampTz);
                    writer.Write(row.Followers, NpgsqlDbType.Bigint);
                    writer.WriteNull();
                    writer.Write(row.Posts!.Value, NpgsqlDbType.Bigint);
                    writer.Write(row.Source!, NpgsqlDbType.Text);
                }

                await writer.CompleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var elapsed = clock.Elapsed;
        await DeleteAsync(connection, cancellationToken);
        return elapsed;
    }

    private static async Task DeleteAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var delete = new NpgsqlCommand("DELETE FROM observation WHERE service_id = $1", connection);
        delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ServiceId });
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
