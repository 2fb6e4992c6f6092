namespace Monitor.Evaluation.Detection;

/// <summary>
/// The evaluator's own prototype, a yardstick for the Core detector's anomaly score: the robust z-score of each
/// interval's rate (optionally less its time-of-day median) against the median and MAD of the trailing rates,
/// two-sided, mapped into [0, 1], with one alarm per event (a point in a run scores only when it exceeds the run so far).
/// It opens no episodes.
/// </summary>
internal sealed class TrailingRateScorer(TrailingRateOptions options) : IScoredDetector
{
    private readonly Queue<double> _window = new();
    private readonly List<double> _sorted = [];
    private readonly Queue<double> _recentScores = new();
    private readonly Queue<(DateTimeOffset Time, double Rate)> _seasonal = new();
    private DateTimeOffset? _lastTime;
    private long _lastFollowers;

    /// <inheritdoc />
    public IReadOnlyList<DetectedEpisode> Episodes => [];

    /// <inheritdoc />
    public double Observe(DateTimeOffset timestamp, long followers)
    {
        if (_lastTime is not { } lastTime)
        {
            _lastTime = timestamp;
            _lastFollowers = followers;
            return 0;
        }

        var days = (timestamp - lastTime).TotalDays;
        if (days <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, $"Observations must be in time order; the previous one was at {lastTime:O}.");
        }

        var rate = (followers - _lastFollowers) / days;
        _lastTime = timestamp;
        _lastFollowers = followers;
        if (options.SeasonalDays > 0)
        {
            var observed = rate;
            rate -= SeasonalMedian(timestamp);
            _seasonal.Enqueue((timestamp, observed));
            while (_seasonal.Peek().Time < timestamp.AddDays(-options.SeasonalDays))
            {
                _seasonal.Dequeue();
            }
        }

        var z = 0.0;
        if (_sorted.Count >= options.MinimumHistory)
        {
            var median = Median(_sorted);
            var spread = (1.4826 * MedianAbsoluteDeviation(_sorted, median))
                + Math.Max(options.RelativeSpreadFloor * Math.Abs(median), options.AbsoluteSpreadFloor / days);
            z = Math.Abs(rate - median) / spread;
        }

        Remember(rate);
        var raw = z / (z + options.HalfScoreZ);
        if (options.SuppressionPoints == 0)
        {
            return raw;
        }

        var recentMax = _recentScores.Count == 0 ? 0 : _recentScores.Max();
        _recentScores.Enqueue(raw);
        if (_recentScores.Count > options.SuppressionPoints)
        {
            _recentScores.Dequeue();
        }

        return raw > recentMax ? raw : 0;
    }

    /// <inheritdoc />
    public void CheckStall(DateTimeOffset now)
    {
    }

    private void Remember(double rate)
    {
        _window.Enqueue(rate);
        _sorted.Insert(InsertionPoint(_sorted, rate), rate);
        if (_window.Count > options.Window)
        {
            var oldest = _window.Dequeue();
            _sorted.RemoveAt(_sorted.BinarySearch(oldest));
        }
    }

    private double SeasonalMedian(DateTimeOffset timestamp)
    {
        var sameTime = new List<double>();
        foreach (var (time, rate) in _seasonal)
        {
            var hours = Math.Abs((timestamp - time).TotalHours % 24);
            if (Math.Min(hours, 24 - hours) <= 0.5)
            {
                sameTime.Add(rate);
            }
        }

        if (sameTime.Count < 3)
        {
            return 0;
        }

        sameTime.Sort();
        return Median(sameTime);
    }

    private static int InsertionPoint(List<double> sorted, double value)
    {
        var index = sorted.BinarySearch(value);
        return index >= 0 ? index : ~index;
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    // The deviations of a sorted list from its median are two sorted runs (outwards from the middle); merging them
    // up to the middle rank gives the MAD in linear time.
    private static double MedianAbsoluteDeviation(List<double> sorted, double median)
    {
        var count = sorted.Count;
        var right = InsertionPoint(sorted, median);
        var left = right - 1;
        var current = 0.0;
        for (var rank = 0; rank <= count / 2; rank++)
        {
            var previous = current;
            var fromLeft = left >= 0 ? median - sorted[left] : double.PositiveInfinity;
            var fromRight = right < count ? sorted[right] - median : double.PositiveInfinity;
            if (fromLeft <= fromRight)
            {
                current = fromLeft;
                left--;
            }
            else
            {
                current = fromRight;
                right++;
            }

            if (rank == count / 2)
            {
                return count % 2 == 1 ? current : (previous + current) / 2;
            }
        }

        return current;
    }
}
