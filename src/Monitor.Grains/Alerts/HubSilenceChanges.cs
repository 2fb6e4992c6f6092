using System.Diagnostics;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts.Store;

namespace Monitor.Grains.Alerts;

/// <summary>
/// Adds, replaces or expires a silence and updates the silenced flag of every unresolved alert it changes, without
/// holding the commit gate while it reads the unresolved alerts: it reads them in pages first, then, holding the gate,
/// reads again only the alerts whose flag changes and those any commit wrote since its first page (the change log says
/// which), and commits the silence with those flags. The result is what a read of every unresolved alert under the gate
/// would give; acknowledgements and publishes commit meanwhile. Silence changes run one at a time. With hub shards,
/// which commit without this activation's gate, the commit itself brings the flags up to date under the change log's
/// lock (<see cref="IAlertStore.CommitUpToDateAsync"/>), so a silence change is one attempt however busy the shards are.
/// </summary>
internal sealed class HubSilenceChanges(IAlertStore store, HubSilences silences, HubCommits commits)
{
    private const int PageSize = 1_000;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>
    /// Commits the silence <paramref name="next"/> gives (called once no other silence change runs; null: nothing to do)
    /// and the flags it changes; returns it, or null.
    /// </summary>
    public async Task<SilenceRule?> ChangeAsync(Func<SilenceRule?> next, DateTimeOffset now)
    {
        await _oneAtATime.WaitAsync();
        try
        {
            if (next() is not { } rule)
            {
                return null;
            }

            var rules = silences.With(rule);
            var readFrom = commits.LastSequence;
            var flips = new SortedSet<string>(await FlipsAsync(rules, now, CancellationToken.None), StringComparer.Ordinal);
            await commits.EnterAsync("silence");
            try
            {
                var started = Stopwatch.GetTimestamp();
                var (written, readTo) = await WrittenSinceAsync(readFrom);
                if (written is not null)
                {
                    flips.UnionWith(written);
                }
                else
                {
                    // The change log no longer holds every change since the first page: read them all again.
                    flips = new SortedSet<string>(await FlipsAsync(rules, now, CancellationToken.None), StringComparer.Ordinal);
                }

                var session = new AlertHubSession(store, readTo, CancellationToken.None) { Prunes = commits.Prunes };
                await session.PrefetchAsync(flips);
                foreach (var id in flips)
                {
                    Flag(session, rules, now, await session.GetAsync(id));
                }

                session.Writes.Silences[rule.Silence.Id] = rule.Silence;
                AlertStoreInstruments.RecordPhase("silence", "read", started);

                // Hub shards may commit between these reads and the commit: the store hands over, under the change log's
                // lock, the alerts they wrote since readTo, and those are flagged as they are then. One attempt, however
                // busy the shards are.
                if (!await commits.CommitOperatorActionAsync(session, "silence", current => BringUpToDate(session, rules, now, current)))
                {
                    throw new InvalidOperationException("A silence's commit was refused; it brings itself up to date and cannot be stale.");
                }

                silences.Replace(rules);
                return rule;
            }
            finally
            {
                commits.Exit();
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Writes <paramref name="alert"/> with its silenced flag flipped when it is unresolved and <paramref name="rules"/> change the flag.</summary>
    private static void Flag(AlertHubSession session, List<SilenceRule> rules, DateTimeOffset now, AlertView? alert)
    {
        if (alert is not null && alert.Status != AlertStatuses.Resolved && HubSilences.Mutes(rules, alert, now) != alert.Silenced)
        {
            var updated = alert with { Silenced = !alert.Silenced, UpdatedAt = now };
            session.Put(updated);
            session.Record(AlertChangeNames.Updated, updated);
        }
    }

    /// <summary>Replaces the session's writes of the alerts in <paramref name="current"/> with their flags as those versions need them.</summary>
    private static void BringUpToDate(AlertHubSession session, List<SilenceRule> rules, DateTimeOffset now, IReadOnlyDictionary<string, AlertView?> current)
    {
        foreach (var (id, alert) in current)
        {
            session.Writes.Alerts.Remove(id);
            session.Writes.Changes.RemoveAll(change => change.Alert.Id == id);
            Flag(session, rules, now, alert);
        }
    }

    /// <summary>The unresolved alerts whose silenced flag <paramref name="rules"/> change, read page by page.</summary>
    private async Task<List<string>> FlipsAsync(List<SilenceRule> rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var flips = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await store.ListUnresolvedAsync(after, PageSize, cancellationToken);
            flips.AddRange(page.Where(alert => HubSilences.Mutes(rules, alert, now) != alert.Silenced).Select(alert => alert.Id));
            if (page.Count < PageSize)
            {
                return flips;
            }

            after = page[^1].Id;
        }
    }

    /// <summary>
    /// The alerts written by the changes after <paramref name="sequence"/> to the end of the log, and the last sequence
    /// read; no alerts when the log was trimmed past <paramref name="sequence"/>.
    /// </summary>
    private async Task<(HashSet<string>? Written, long ReadTo)> WrittenSinceAsync(long sequence)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var after = sequence;
        while (true)
        {
            var changes = await store.ReadChangesAsync(after, PageSize, CancellationToken.None);
            if (changes.Count == 0)
            {
                return (written, after);
            }

            if (changes[0].Sequence != after + 1)
            {
                return (null, Math.Max(after, await store.GetLastSequenceAsync(CancellationToken.None)));
            }

            written.UnionWith(changes.Select(change => change.Alert.Id));
            after = changes[^1].Sequence;
            if (changes.Count < PageSize)
            {
                return (written, after);
            }
        }
    }
}
