using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Alerts;

/// <summary>
/// The silo's <see cref="IAlertChangeFeed"/>: the alert hub pushes every change here after persisting it, and each
/// subscriber gets the hub's backlog after its resume point, then live changes, with no gap and no duplicate.
/// </summary>
/// <remarks>
/// A subscriber registers for live changes before it reads the backlog, so a change persisted meanwhile is in one or the
/// other (or both: sequences already delivered are skipped). Hub shards push their commits as they finish, so a later
/// sequence may arrive before an earlier one: the subscriber sees the gap and reads the log, which holds both in order. A subscriber that falls more than
/// <see cref="SubscriberBuffer"/> changes behind is not dropped: the hub's sequences are consecutive, so it sees the gap
/// (or the overflow flag) and re-reads what it missed from the hub's change log.
/// </remarks>
public sealed class AlertChangeFeed : IAlertChangeFeed
{
    /// <summary>How many live changes wait for a slow subscriber before it catches up from the hub instead.</summary>
    public const int SubscriberBuffer = 4_096;

    /// <summary>The key of the alert hub grain.</summary>
    public const string HubKey = "global";

    private readonly IGrainFactory _grainFactory;
    private readonly Lock _lock = new();
    private Subscriber[] _subscribers = [];

    /// <summary>Creates the feed over the hub reached through <paramref name="grainFactory"/>.</summary>
    public AlertChangeFeed(IGrainFactory grainFactory)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        _grainFactory = grainFactory;
    }

    /// <summary>How many subscribers are listening.</summary>
    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <inheritdoc />
    public async IAsyncEnumerable<AlertChange> SubscribeAsync(long? afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (afterSequence is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(afterSequence), afterSequence, "A resume sequence cannot be negative.");
        }

        var subscriber = new Subscriber();
        Add(subscriber);
        try
        {
            var hub = _grainFactory.GetGrain<IAlertHubGrain>(HubKey);
            var reader = subscriber.Channel.Reader;

            long? last = afterSequence ?? await LiveStartAsync(hub, reader).ConfigureAwait(false);
            if (last is { } resume)
            {
                await foreach (var change in ReadBacklogAsync(hub, resume, cancellationToken).ConfigureAwait(false))
                {
                    last = change.Sequence;
                    yield return change;
                }
            }

            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var change))
                {
                    if (last is { } delivered && change.Sequence <= delivered)
                    {
                        continue;
                    }

                    if (last is { } before && change.Sequence > before + 1)
                    {
                        // Sequences are consecutive, so a jump means changes were dropped while this subscriber lagged.
                        await foreach (var missed in ReadBacklogAsync(hub, before, cancellationToken).ConfigureAwait(false))
                        {
                            last = missed.Sequence;
                            yield return missed;
                        }

                        if (change.Sequence <= last)
                        {
                            continue;
                        }
                    }

                    last = change.Sequence;
                    yield return change;
                }

                if (subscriber.TakeOverflow() && last is { } caughtUpTo)
                {
                    // The newest changes may be the dropped ones, with nothing after them to reveal the gap.
                    await foreach (var missed in ReadBacklogAsync(hub, caughtUpTo, cancellationToken).ConfigureAwait(false))
                    {
                        last = missed.Sequence;
                        yield return missed;
                    }
                }
            }
        }
        finally
        {
            Remove(subscriber);
        }
    }

    /// <summary>
    /// Delivers persisted changes (in sequence order) to every subscriber; called by the hub of this silo and, in cluster
    /// mode, by <see cref="ClusterAlertRelay"/>. Both may deliver one change: subscribers skip sequences they already passed.
    /// </summary>
    internal void Publish(IReadOnlyList<AlertChange> changes)
    {
        var subscribers = Volatile.Read(ref _subscribers);
        foreach (var subscriber in subscribers)
        {
            foreach (var change in changes)
            {
                subscriber.Offer(change);
            }
        }
    }

    /// <summary>
    /// Where a live subscriber starts: hub shards push their commits independently, so a later sequence may arrive first,
    /// and only a known position lets the subscriber see the gap and read what is missing. It is the log's last sequence,
    /// or just before the first change pushed since the subscriber registered, if lower (the backlog read then delivers
    /// those changes, and their pushed copies are dropped).
    /// </summary>
    private static async Task<long> LiveStartAsync(IAlertHubGrain hub, ChannelReader<AlertChange> reader)
    {
        var start = await hub.GetLastSequenceAsync().ConfigureAwait(false);
        while (reader.TryRead(out var pushed))
        {
            start = Math.Min(start, pushed.Sequence - 1);
        }

        return start;
    }

    private static async IAsyncEnumerable<AlertChange> ReadBacklogAsync(IAlertHubGrain hub, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await hub.ReadChangesAsync(after, 1_000).ConfigureAwait(false);
            foreach (var change in page)
            {
                after = change.Sequence;
                yield return change;
            }

            if (page.Count < 1_000)
            {
                yield break;
            }
        }
    }

    private void Add(Subscriber subscriber)
    {
        lock (_lock)
        {
            _subscribers = [.. _subscribers, subscriber];
        }
    }

    private void Remove(Subscriber subscriber)
    {
        lock (_lock)
        {
            _subscribers = _subscribers.Where(s => !ReferenceEquals(s, subscriber)).ToArray();
        }
    }

    private sealed class Subscriber
    {
        private int _overflow;

        public Channel<AlertChange> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<AlertChange>(
            new BoundedChannelOptions(SubscriberBuffer) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

        public void Offer(AlertChange change)
        {
            if (!Channel.Writer.TryWrite(change))
            {
                // The full channel keeps the reader awake; it sees the flag once it has drained the channel.
                Interlocked.Exchange(ref _overflow, 1);
            }
        }

        public bool TakeOverflow() => Interlocked.Exchange(ref _overflow, 0) == 1;
    }
}
