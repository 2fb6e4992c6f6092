namespace Monitor.Evaluation.Detection;

/// <summary>
/// The evaluator's own prototype, a yardstick for the Core detector's anomaly score: the robust z-score of each
/// interval's rate against the median and MAD of the trailing rates, two-sided, mapped into [0, 1], optionally with
/// one alarm per event (later points in a run score only when they exceed the run). It opens no episodes.
/// </summary>
internal sealed class TrailingRateScorer(TrailingRateOptions options) : IScoredDetector
{
    private readonly Queue<double> _rates = new();
    private readonly Queue<double> _recentScores = new();
    private readonly Queue<double> _lastRates = new();
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
        var z = 0.0;
        if (_rates.Count >= options.MinimumHistory)
        {
            var sorted = _rates.Order().ToArray();
            var median = Median(sorted);
            var deviations = sorted.Select(value => Math.Abs(value - median)).Order().ToArray();
            var spread = (1.4826 * Median(deviations)) + Math.Max(options.RelativeSpreadFloor * Math.Abs(median), options.AbsoluteSpreadFloor / days);
            z = Math.Abs(rate - median) / spread;
            _lastRates.Enqueue(rate);
            if (_lastRates.Count > options.ShortAverage)
            {
                _lastRates.Dequeue();
            }

            if (options.ShortAverage > 1 && _lastRates.Count == options.ShortAverage)
            {
                z = Math.Max(z, Math.Abs(_lastRates.Average() - median) / (spread / Math.Sqrt(options.ShortAverage)));
            }
        }

        if (!options.ExcludeAnomaliesFromBaseline || z < options.AnomalyZ)
        {
            _rates.Enqueue(rate);
            if (_rates.Count > options.Window)
            {
                _rates.Dequeue();
            }
        }

        var raw = z / (z + options.HalfScoreZ);
        var score = raw;
        if (options.SuppressionPoints > 0)
        {
            var recentMax = _recentScores.Count == 0 ? 0 : _recentScores.Max();
            score = raw > recentMax ? raw : 0;
            _recentScores.Enqueue(raw);
            if (_recentScores.Count > options.SuppressionPoints)
            {
                _recentScores.Dequeue();
            }
        }

        return score;
    }

    /// <inheritdoc />
    public void CheckStall(DateTimeOffset now)
    {
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
