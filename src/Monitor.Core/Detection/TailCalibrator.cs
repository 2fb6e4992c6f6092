namespace Monitor.Core.Detection;

/// <summary>
/// Turns a stream of anomaly levels into a calibrated tail probability for this series: peaks over a threshold with a
/// generalized Pareto tail (the POT approach of SPOT, Siffer et al., KDD 2017). The levels arrive already standardised
/// (their long-run mean and deviation removed, which plays DSPOT's drift-removal role), so the threshold is fixed in
/// deviations (<see cref="DetectorSettings.ScoreTailThreshold"/>). Memory is bounded: the last <see cref="PeakCapacity"/>
/// excesses over it, the exponentially weighted share of points that exceed it, and the fitted shape and scale. Until
/// <see cref="MinimumPeaks"/> excesses have been seen the tail is the Gaussian one (Numenta's anomaly likelihood). Its state
/// is not serialised: a restored detector's calibrator starts afresh (it shapes only the anomaly score, and is off by default).
/// </summary>
internal sealed class TailCalibrator(double threshold)
{
    /// <summary>How many of the latest excesses the tail is fitted to.</summary>
    public const int PeakCapacity = 128;

    /// <summary>How many excesses before the fitted tail replaces the Gaussian one.</summary>
    public const int MinimumPeaks = 16;

    /// <summary>No tail probability is reported below this (a value beyond a short tail's end point gets it).</summary>
    public const double ProbabilityFloor = 1e-12;

    // The probability-weighted moments are defined for shapes below 1.
    private const double MaxShape = 0.9;

    private readonly double[] _peaks = new double[PeakCapacity];
    private readonly double[] _sorted = new double[PeakCapacity];
    private int _peakCount;
    private int _nextPeak;
    private double _points;
    private double _exceedances;
    private double _shape;
    private double _scale;
    private bool _fitted;

    /// <summary>The probability that a level at least <paramref name="level"/> occurs at a given point, then learns it.</summary>
    public double TailProbabilityThenLearn(double level, int horizon)
    {
        var probability = TailProbability(level);
        Learn(level, horizon);
        return probability;
    }

    /// <summary>The probability of a level at least <paramref name="level"/> under what has been learnt so far.</summary>
    public double TailProbability(double level)
    {
        if (level <= threshold)
        {
            return 1;
        }

        if (_peakCount < MinimumPeaks || _points <= 0)
        {
            return Math.Max(ProbabilityFloor, GaussianTail(level));
        }

        if (!_fitted)
        {
            Fit();
        }

        var excess = level - threshold;
        double conditional;
        if (Math.Abs(_shape) < 1e-6)
        {
            conditional = Math.Exp(-excess / _scale);
        }
        else
        {
            var basis = 1 + (_shape * excess / _scale);
            conditional = basis <= 0 ? 0 : Math.Pow(basis, -1 / _shape);
        }

        return Math.Max(ProbabilityFloor, _exceedances / _points * conditional);
    }

    private void Learn(double level, int horizon)
    {
        var keep = 1 - (1.0 / horizon);
        var exceeds = level > threshold;
        _points = (_points * keep) + 1;
        _exceedances = (_exceedances * keep) + (exceeds ? 1 : 0);
        if (!exceeds)
        {
            return;
        }

        _peaks[_nextPeak] = level - threshold;
        _nextPeak = (_nextPeak + 1) % PeakCapacity;
        _peakCount = Math.Min(_peakCount + 1, PeakCapacity);
        _fitted = false;
    }

    // Probability-weighted moments (Hosking & Wallis 1987): closed form, defined for shapes below 1, robust on small samples.
    private void Fit()
    {
        var n = _peakCount;
        Array.Copy(_peaks, _sorted, n);
        Array.Sort(_sorted, 0, n);
        var a0 = 0.0;
        var a1 = 0.0;
        for (var i = 0; i < n; i++)
        {
            a0 += _sorted[i];
            a1 += _sorted[i] * (n - 1 - i) / (n - 1);
        }

        a0 /= n;
        a1 /= n;
        var denominator = a0 - (2 * a1);
        if (a0 <= 0 || denominator <= 0)
        {
            _shape = 0;
            _scale = Math.Max(a0, 1e-9);
        }
        else
        {
            // Hosking and Wallis's k is the negated shape.
            _shape = Math.Clamp(-((a0 / denominator) - 2), -0.5, MaxShape);
            _scale = Math.Max(2 * a0 * a1 / denominator, 1e-9);
        }

        _fitted = true;
    }

    // The standard normal's upper tail, Q(x) = erfc(x / sqrt 2) / 2 (Abramowitz and Stegun 7.1.26, error below 1.5e-7).
    private static double GaussianTail(double x)
    {
        var z = x / Math.Sqrt(2);
        var t = 1 / (1 + (0.3275911 * z));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        return 0.5 * poly * Math.Exp(-z * z);
    }
}
