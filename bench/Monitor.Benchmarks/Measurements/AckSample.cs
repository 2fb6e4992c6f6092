using System.Diagnostics;
using System.Globalization;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// One acknowledgement's clock readings: sent, hub read done, gate entered, commit done (the change goes to the live feed
/// right after), HTTP response received, SSE event read; and what the runtime did meanwhile.
/// </summary>
internal sealed record AckSample(long Sent, long ReadEnd, long GateEnd, long CommitEnd, long Responded, long Arrived, RuntimeWindow Runtime)
{
    public double TotalMs => Ms(Sent, Arrived);

    /// <summary>HTTP request, routing, the grain call, up to the end of the hub's read of the alert.</summary>
    public double ToReadEndMs => Ms(Sent, ReadEnd);

    public double GateMs => Ms(ReadEnd, GateEnd);

    public double CommitMs => Ms(GateEnd, CommitEnd);

    /// <summary>From the commit (the feed's publish) to the benchmark's SSE reader.</summary>
    public double PublishToSseMs => Ms(CommitEnd, Arrived);

    /// <summary>From the commit back through the grain call and the endpoint to the HTTP client.</summary>
    public double PublishToResponseMs => Ms(CommitEnd, Responded);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{TotalMs,7:F1} ms = to read end {ToReadEndMs:F1}, gate {GateMs:F1}, commit {CommitMs:F1}, publish -> SSE {PublishToSseMs:F1} (publish -> HTTP response {PublishToResponseMs:F1}); {Runtime}");

    private static double Ms(long from, long to) => from == 0 || to == 0 ? double.NaN : Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
