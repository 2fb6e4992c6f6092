namespace Monitor.Webhooks;

/// <summary>
/// The loop of a background service that works through a log: one step every period until the host stops. A failed step
/// is reported and the next period tries again, so storage or the hub being briefly unavailable does not stop it for good.
/// </summary>
public static class PollingLoop
{
    public static async Task RunAsync(
        Func<CancellationToken, Task> step, TimeSpan period, TimeProvider time, Action<Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(failed);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await step(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failed(ex);
            }

            try
            {
                await Task.Delay(period, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
