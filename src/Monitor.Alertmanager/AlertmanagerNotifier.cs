using Microsoft.Extensions.Options;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Webhooks;
using Orleans;

namespace Monitor.Alertmanager;

/// <summary>
/// Monitor as an alert source for Alertmanager, the way Prometheus is one: every poll period it reads the alert change
/// log and pushes the changed alerts to every configured Alertmanager; a firing alert is pushed again each resend delay
/// with an <c>endsAt</c> four resend delays ahead, and a resolved one with its end, for the resolved retention.
/// </summary>
/// <remarks>
/// Every silo runs one and pushes the same alerts: Alertmanager deduplicates identical label sets, as it does for an HA
/// pair of Prometheus servers. At start (and when the change log has dropped changes it had not read) the open alerts
/// are read from the hub, so a restart neither forgets a firing alert nor lets Alertmanager time it out.
/// </remarks>
public sealed class AlertmanagerNotifier(
    IAlertChangeSource changes,
    IGrainFactory grains,
    AlertmanagerClient client,
    IOptions<AlertmanagerOptions> options,
    TimeProvider time,
    ILogger<AlertmanagerNotifier> logger) : BackgroundService
{
    private const int QueryPageSize = 1000;
    private readonly Dictionary<string, TrackedAlert> _tracked = new(StringComparer.Ordinal);
    private readonly List<AlertmanagerAlert> _retired = [];
    private readonly SemaphoreSlim _turn = new(1, 1);
    private long? _cursor;

    /// <summary>Alerts currently sent at each resend (firing, and resolved within the retention).</summary>
    public int Tracked => _tracked.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Urls.Count == 0)
        {
            return;
        }

        await PollingLoop.RunAsync(
            RunOnceAsync,
            settings.PollPeriod,
            time,
            ex => logger.LogError(ex, "Reading alerts for Alertmanager failed; retrying in {Period}", settings.PollPeriod),
            stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Reads the new changes and pushes what is due to every target; returns how many alerts it pushed to each.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var settings = options.Value;
            await ReadChangesAsync(settings, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var validFor = settings.ResendDelay * 4;
            var due = new List<TrackedAlert>();
            foreach (var (id, tracked) in _tracked.ToList())
            {
                if (!tracked.Changed && tracked.ResolvedSeenAt is { } resolvedAt && now - resolvedAt >= settings.ResolvedRetention)
                {
                    _tracked.Remove(id);
                }
                else if (tracked.Changed || now - tracked.LastSentAt >= settings.ResendDelay)
                {
                    due.Add(tracked);
                }
            }

            var payload = due.Select(tracked => AlertmanagerLabels.ToPostable(tracked.Alert, now, validFor, settings.DashboardUrl)).Concat(_retired).ToList();
            if (payload.Count == 0)
            {
                return 0;
            }

            // A target that fails gets these alerts again at the next resend, as Prometheus does; nothing queues without bound.
            await Task.WhenAll(settings.Urls.Select(url => PushAllAsync(new Uri(url.EndsWith('/') ? url : url + "/"), payload, settings.MaxBatchSize, cancellationToken))).ConfigureAwait(false);
            foreach (var tracked in due)
            {
                tracked.Changed = false;
                tracked.LastSentAt = now;
            }

            _retired.Clear();
            return payload.Count;
        }
        finally
        {
            _turn.Release();
        }
    }

    public override void Dispose()
    {
        _turn.Dispose();
        base.Dispose();
    }

    private async Task PushAllAsync(Uri target, List<AlertmanagerAlert> payload, int batchSize, CancellationToken cancellationToken)
    {
        foreach (var batch in payload.Chunk(batchSize))
        {
            await client.PushAsync(target, batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadChangesAsync(AlertmanagerOptions settings, CancellationToken cancellationToken)
    {
        if (_cursor is null)
        {
            await ReseedAsync(cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var batch = await changes.ReadChangesAsync(_cursor!.Value, settings.ChangeBatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count > 0 && batch[0].Sequence > _cursor.Value + 1)
            {
                logger.LogWarning("{Missed} alert changes left the change log before Alertmanager pushes read them; reading the open alerts again", batch[0].Sequence - _cursor.Value - 1);
                await ReseedAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            foreach (var change in batch)
            {
                Track(change.Alert);
                _cursor = change.Sequence;
            }

            if (batch.Count < settings.ChangeBatchSize)
            {
                return;
            }
        }
    }

    // The cursor is taken before the query: a change made during it is read again afterwards, which is harmless.
    private async Task ReseedAsync(CancellationToken cancellationToken)
    {
        var last = await changes.LatestSequenceAsync(cancellationToken).ConfigureAwait(false);
        var hub = grains.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);
        foreach (var status in new[] { AlertStatuses.Open, AlertStatuses.Acknowledged })
        {
            string? cursor = null;
            do
            {
                var page = await hub.QueryAsync(new AlertQuery(Status: status, Cursor: cursor, Limit: QueryPageSize)).WaitAsync(cancellationToken).ConfigureAwait(false);
                foreach (var alert in page.Items)
                {
                    Track(alert);
                }

                cursor = page.NextCursor;
            }
            while (cursor is not null);
        }

        _cursor = last;
    }

    private void Track(AlertView alert)
    {
        var now = time.GetUtcNow();
        if (_tracked.TryGetValue(alert.Id, out var tracked))
        {
            var before = AlertmanagerLabels.Of(tracked.Alert);
            if (!before.OrderBy(pair => pair.Key, StringComparer.Ordinal).SequenceEqual(AlertmanagerLabels.Of(alert).OrderBy(pair => pair.Key, StringComparer.Ordinal)))
            {
                // To Alertmanager a new label set (a spike escalated to a surge, a higher severity) is a new alert: the old one ends now.
                _retired.Add(AlertmanagerLabels.Retired(tracked.Alert, now, options.Value.DashboardUrl));
            }

            tracked.Alert = alert;
            tracked.Changed = true;
        }
        else
        {
            tracked = new TrackedAlert(alert);
            _tracked[alert.Id] = tracked;
        }

        tracked.ResolvedSeenAt = alert.Status == AlertStatuses.Resolved ? tracked.ResolvedSeenAt ?? now : null;
    }
}
