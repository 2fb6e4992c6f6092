namespace Monitor.Grains.Accounts;

/// <summary>
/// One run of an operation shared by the calls that interleave with it: the first call starts it, the others await the
/// same run, and a call after it ended starts a new one.
/// </summary>
internal sealed class SingleFlight
{
    private Task? _running;

    public async Task RunAsync(Func<Task> start)
    {
        var running = _running ??= start();
        try
        {
            await running;
        }
        finally
        {
            if (ReferenceEquals(_running, running))
            {
                _running = null;
            }
        }
    }
}
