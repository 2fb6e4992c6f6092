using Monitor.Core.Alerts;
using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// Learns a new normal after a sustained change of growth rate. A surge or drop open at least
/// <see cref="DetectorSettings.RegimeChangeAfter"/> whose last <see cref="Window"/> day rates have been level on
/// <see cref="LevelDays"/> checkpoints in a row (no trend and no rate beyond their noise) is a regime change, not an
/// episode that goes on: it resolves, and the baselines restart from those day rates. A surge that is still building,
/// peaking or easing faster than its noise goes on; without this an account whose growth doubled was alerted
/// on until <see cref="DetectorSettings.MaxEpisodeDuration"/> (90 days).
/// </summary>
internal sealed class RegimeChange(DetectorSettings settings, RateBaseline baseline, SurgeDetector surge, DropDetector drop, EpisodeRecorder episodes)
{
    /// <summary>How many day rates the level is judged on (a week).</summary>
    public const int Window = 7;

    /// <summary>How many checkpoints in a row the window must be level.</summary>
    public const int LevelDays = 3;

    private readonly long _afterTicks = settings.RegimeChangeAfter.Ticks;
    private readonly double[] _rates = new double[Window];
    private int _count;
    private int _next;

    // Consecutive checkpoints whose window was level while an episode was open: a peak straddled by the window looks level
    // for a few days, a new regime stays level for a week on end.
    private int _levelDays;

    /// <summary>Learns a day rate (one per surge checkpoint) and ends an episode that has become the new normal.</summary>
    public void Learn(double dayRate, long ticks, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        _rates[_next] = dayRate;
        _next = (_next + 1) % Window;
        _count = Math.Min(_count + 1, Window);
        if (_count < Window)
        {
            return;
        }

        var track = episodes.Rise is { Episode.Kind: AlertKind.Surge } rise ? rise : drop.Open;
        _levelDays = track is not null && IsLevel(track.BaselineScale) ? _levelDays + 1 : 0;
        if (track is null || ticks - track.StartTicks < _afterTicks || _levelDays < LevelDays)
        {
            return;
        }

        var rates = new double[Window];
        CopyRates(rates);
        if (track == episodes.Rise)
        {
            episodes.ResolveRise(track, at, ref changes);
        }
        else
        {
            EpisodeRecorder.Resolve(track, at, ref changes);
            drop.Open = null;
        }

        _levelDays = 0;
        Reseed(rates);
    }

    public void Write(ByteWriter writer)
    {
        writer.WriteVarUInt((ulong)_levelDays);
        writer.WriteVarUInt((ulong)_count);
        for (var i = 0; i < _count; i++)
        {
            writer.WriteDouble(_rates[(_next - _count + i + Window) % Window]);
        }
    }

    public void Read(ref ByteReader reader)
    {
        _levelDays = reader.ReadCount(int.MaxValue, "Regime level days");
        var count = reader.ReadCount(Window, "Regime window size");
        _count = 0;
        _next = 0;
        for (var i = 0; i < count; i++)
        {
            _rates[_next] = reader.ReadDouble();
            _next = (_next + 1) % Window;
            _count++;
        }
    }

    // The window's day rates, oldest first, are level when their trend over the window (the Theil-Sen slope: the median of
    // the pairwise slopes) and every rate's distance from their median stay within three noise deviations plus the onset
    // scale. The noise is taken from day-to-day differences, which a trend or a peak hardly inflates: a surge still
    // building or easing has a trend, and a window over its peak has rates far from the median at the ends. Checked at
    // every checkpoint while an episode is open, so it works on the stack: nothing to collect.
    private bool IsLevel(double onsetScale)
    {
        Span<double> rates = stackalloc double[Window];
        CopyRates(rates);
        Span<double> slopes = stackalloc double[Window * (Window - 1) / 2];
        Span<double> differences = stackalloc double[Window - 1];
        var slope = 0;
        for (var i = 0; i < Window; i++)
        {
            for (var j = i + 1; j < Window; j++)
            {
                slopes[slope++] = (rates[j] - rates[i]) / (j - i);
            }

            if (i > 0)
            {
                differences[i - 1] = rates[i] - rates[i - 1];
            }
        }

        // The MAD scaled to a standard deviation; a difference of two independent rates has sqrt(2) times theirs.
        var differenceMedian = Median(differences);
        Span<double> deviations = stackalloc double[Window - 1];
        for (var i = 0; i < deviations.Length; i++)
        {
            deviations[i] = Math.Abs(differences[i] - differenceMedian);
        }

        var noise = RollingRobustWindow.MadToStandardDeviation * Median(deviations) / Math.Sqrt(2);
        var tolerance = (3 * noise) + onsetScale;
        Span<double> sorted = stackalloc double[Window];
        rates.CopyTo(sorted);
        var level = Median(sorted);
        if (Math.Abs(Median(slopes)) * Window > tolerance)
        {
            return false;
        }

        foreach (var rate in rates)
        {
            if (Math.Abs(rate - level) > tolerance)
            {
                return false;
            }
        }

        return true;
    }

    // The window's day rates, oldest first.
    private void CopyRates(Span<double> rates)
    {
        for (var i = 0; i < Window; i++)
        {
            rates[i] = _rates[(_next + i) % Window];
        }
    }

    private void Reseed(double[] rates)
    {
        var level = Median([.. rates]);
        if (!baseline.Agrees(level))
        {
            baseline.Seed(rates);
        }

        surge.Reseed(rates);
    }

    // Sorts the values in place.
    private static double Median(Span<double> values)
    {
        values.Sort();
        var n = values.Length;
        return (n & 1) == 1 ? values[n >> 1] : (values[(n >> 1) - 1] + values[n >> 1]) / 2;
    }
}
