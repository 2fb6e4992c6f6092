using System.Collections.Concurrent;

namespace Monitor.LoadGen;

/// <summary>
/// The request bodies of a run, in row order. Bodies rendered before the timed window (<see cref="Prerender"/>) are
/// handed out first, so that during it the load generator, which shares the cores with the silo on one machine, mostly
/// just sends; after them, each body is rendered when it is taken.
/// </summary>
public sealed class RequestBodies(SyntheticRows rows, int batchSize)
{
    private readonly ConcurrentQueue<byte[]> _ready = new();
    private long _taken;

    /// <summary>Rows in the bodies handed out so far: a prefix of the rows issued, since every body taken is posted.</summary>
    public long RowsTaken => Interlocked.Read(ref _taken) * batchSize;

    /// <summary>Renders <paramref name="count"/> bodies ahead.</summary>
    public void Prerender(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _ready.Enqueue(BatchBody.Render(rows.Next(batchSize)));
        }
    }

    /// <summary>The next body.</summary>
    public byte[] Next()
    {
        // Prerendered bodies hold the first rows issued, so a body rendered here always holds later ones.
        Interlocked.Increment(ref _taken);
        return _ready.TryDequeue(out var body) ? body : BatchBody.Render(rows.Next(batchSize));
    }
}
