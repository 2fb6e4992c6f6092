using Microsoft.Extensions.Options;

namespace Monitor.Reports.Web;

/// <summary>
/// Every poll period, queues each schedule's latest complete period for its receiver (on every silo: the delivery id is
/// derived from the schedule and period, so a period is queued once however many silos or restarts see it due).
/// </summary>
public sealed class ReportScheduler(ReportSchedules schedules, ReportDelivery delivery, IOptions<ReportOptions> options, TimeProvider time, ILogger<ReportScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulePollPeriod, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Queueing scheduled reports failed; retrying in {Period}", options.Value.SchedulePollPeriod);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Queues every schedule's due period; returns how many deliveries were new.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var queued = 0;
        var now = time.GetUtcNow();
        foreach (var schedule in await schedules.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (schedule.DuePeriod(now) is not { } period)
            {
                continue;
            }

            try
            {
                queued += await delivery.EnqueueAsync(schedule, period, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            catch (InvalidOperationException ex)
            {
                logger.LogWarning("Report schedule {Schedule} skipped: {Reason}", schedule.Id, ex.Message);
            }
        }

        return queued;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
