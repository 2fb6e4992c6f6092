using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// When the acknowledgement in flight passed the hub's phases: <c>monitor.alerts.hub.phase.duration</c> is recorded as each
/// phase ends, on the thread that ran it, so the listener's clock reading is the phase's end. The benchmark sends one
/// acknowledgement at a time, so the readings since <see cref="Reset"/> are that acknowledgement's.
/// </summary>
internal sealed class AckStageClock : IDisposable
{
    private readonly MeterListener _listener;
    private long _readEnd;
    private long _gateEnd;
    private long _commitEnd;

    public AckStageClock() => _listener = HubPhaseListener.Start((action, phase, _) =>
    {
        var now = Stopwatch.GetTimestamp();
        if (action != "acknowledged")
        {
            return;
        }

        switch (phase)
        {
            case "read":
                Volatile.Write(ref _readEnd, now);
                break;
            case "gate":
                Volatile.Write(ref _gateEnd, now);
                break;
            case "commit":
                Volatile.Write(ref _commitEnd, now);
                break;
        }
    });

    public void Reset()
    {
        Volatile.Write(ref _readEnd, 0);
        Volatile.Write(ref _gateEnd, 0);
        Volatile.Write(ref _commitEnd, 0);
    }

    /// <summary>The end of the read, of the gate wait, of the commit (0 where a build records no phases).</summary>
    public (long ReadEnd, long GateEnd, long CommitEnd) Read() => (Volatile.Read(ref _readEnd), Volatile.Read(ref _gateEnd), Volatile.Read(ref _commitEnd));

    public void Dispose() => _listener.Dispose();
}
