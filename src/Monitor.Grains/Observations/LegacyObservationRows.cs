using Microsoft.Data.Sqlite;

namespace Monitor.Grains.Observations;

/// <summary>
/// Moves the observation rows that releases before the log had a file of its own wrote into the main database. They keep
/// their seq, which the grains' checkpoints refer to, and the log's seq counter moves past the largest. The copy ignores
/// rows already there and the delete follows it, so a crash between the two (WAL commits are atomic per file) only
/// repeats the move at the next start.
/// </summary>
internal static class LegacyObservationRows
{
    private const string NotMarker = "service_id <> '~seq-floor'";

    /// <summary>Moves the rows of <paramref name="legacyPath"/>'s <c>observation</c> table into the log open on <paramref name="log"/>; returns how many were copied.</summary>
    public static async Task<long> MoveAsync(SqliteConnection log, string legacyPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(legacyPath))
        {
            return 0;
        }

        await using var command = log.CreateCommand();
        command.CommandText = "ATTACH DATABASE $path AS legacy";
        command.Parameters.AddWithValue("$path", legacyPath);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        command.Parameters.Clear();
        try
        {
            command.CommandText =
                "SELECT EXISTS (SELECT 1 FROM legacy.sqlite_master WHERE type = 'table' AND name = 'observation')";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) == 0)
            {
                return 0;
            }

            command.CommandText = "SELECT EXISTS (SELECT 1 FROM legacy.observation)";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) == 0)
            {
                return 0;
            }

            await using var transaction = log.BeginTransaction(deferred: false);
            command.Transaction = transaction;

            // The old table's marker rows only held a deleted top seq; the counter takes that over.
            command.CommandText =
                "INSERT INTO main.observation_account (service_id, account) SELECT DISTINCT service_id, account FROM legacy.observation " +
                $"WHERE {NotMarker} ON CONFLICT DO NOTHING; " +
                "INSERT INTO main.observation_source (source) SELECT DISTINCT source FROM legacy.observation " +
                $"WHERE {NotMarker} AND source IS NOT NULL ON CONFLICT DO NOTHING";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.CommandText =
                "INSERT INTO main.observation_point (account_id, ts, seq, followers, following, posts, source_id) " +
                "SELECT a.id, o.ts, o.seq, o.followers, o.following, o.posts, s.id FROM legacy.observation o " +
                "JOIN main.observation_account a ON a.service_id = o.service_id AND a.account = o.account " +
                $"LEFT JOIN main.observation_source s ON s.source = o.source WHERE o.{NotMarker} ON CONFLICT DO NOTHING";
            var copied = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.CommandText =
                "UPDATE main.observation_seq SET last = max(last, (SELECT coalesce(max(seq), 0) FROM legacy.observation)) WHERE id = 1";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.CommandText = "DELETE FROM legacy.observation";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            command.Transaction = null;
            return copied;
        }
        finally
        {
            command.CommandText = "DETACH DATABASE legacy";
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
