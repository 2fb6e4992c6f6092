namespace Monitor.LoadGen;

/// <summary>Disposes a set of clients together at the end of a run.</summary>
public sealed class CompositeDisposable(IEnumerable<IDisposable> items) : IDisposable
{
    public void Dispose()
    {
        foreach (var item in items)
        {
            item.Dispose();
        }
    }
}
