using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Monitor.Collectors.Telemetry;

/// <summary>
/// Collector instruments on the meter <c>Monitor</c> (the service meter): polls per platform and outcome, request duration,
/// and the request budget left per platform (the smaller of our own budget and the platform's <c>x-rate-limit-remaining</c>).
/// </summary>
public sealed class CollectorInstruments
{
    /// <summary>The meter name, shared with the service's other instruments.</summary>
    public const string MeterName = "Monitor";

    private readonly Counter<long> _polls;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<Platform, long> _remaining = new();

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public CollectorInstruments(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _polls = meter.CreateCounter<long>("monitor.collector.polls", "{poll}", "Account polls by platform and outcome.");
        _duration = meter.CreateHistogram<double>("monitor.collector.poll.duration", "s", "Duration of one request to a platform.");
        meter.CreateObservableGauge("monitor.collector.rate_budget.remaining", ObserveRemaining, "{request}",
            "Requests the collector may still send in the current budget window.");
    }

    /// <summary>Counts one account poll.</summary>
    public void Poll(Platform platform, PollStatus status) =>
        _polls.Add(1, new KeyValuePair<string, object?>("platform", platform.ToWireName()), new KeyValuePair<string, object?>("outcome", status.ToString().ToLowerInvariant()));

    /// <summary>Records the duration of one request.</summary>
    public void Request(Platform platform, TimeSpan duration) =>
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("platform", platform.ToWireName()));

    /// <summary>Sets the budget left for a platform.</summary>
    public void Remaining(Platform platform, long remaining) => _remaining[platform] = remaining;

    private IEnumerable<Measurement<long>> ObserveRemaining() =>
        _remaining.Select(entry => new Measurement<long>(entry.Value, new KeyValuePair<string, object?>("platform", entry.Key.ToWireName())));
}
