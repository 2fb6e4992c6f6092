namespace Monitor.LoadGen;

/// <summary>Collects latencies from several threads and reports percentiles.</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _milliseconds = [];

    /// <summary>Number of samples.</summary>
    public int Count
    {
        get
        {
            lock (_milliseconds)
            {
                return _milliseconds.Count;
            }
        }
    }

    /// <summary>Adds one sample.</summary>
    public void Record(TimeSpan elapsed)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    /// <summary>The <paramref name="percentile"/>th percentile in milliseconds (nearest rank), or NaN without samples.</summary>
    public double Percentile(double percentile)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _milliseconds.Order().ToList();
            var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
        }
    }
}
