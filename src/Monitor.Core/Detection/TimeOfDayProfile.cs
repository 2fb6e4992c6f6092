namespace Monitor.Core.Detection;

/// <summary>
/// A rate's usual level for each hour of the day (UTC), from that hour's own history over about two weeks: a winsorised
/// mean and mean absolute deviation per hour. It judges a rate against what this hour is usually like on many days,
/// not against one earlier day, and only while the series shows a daily rhythm: while the hours' levels predict the next
/// rate better than one level for the whole day does (both as prediction errors, before learning the rate), which a
/// series without a rhythm fails, its per-hour means resting on a 24th of the data.
/// </summary>
internal sealed class TimeOfDayProfile
{
    private const int Slots = 24;
    private const double HorizonDays = 14;
    private const double WarmDays = 3;

    private readonly WinsorizedTracker[] _slots = new WinsorizedTracker[Slots];
    private WinsorizedTracker _whole;
    private LongRunAverage _slotScaleAverage;
    private double _slotError;
    private double _wholeError;
    private long _errors;

    /// <summary>
    /// The robust z of <paramref name="rate"/> (followers per day, over an interval ending at <paramref name="ticks"/>) against
    /// its hour's profile, then learns it; <paramref name="available"/> is false until the hour has a few days of history and
    /// while the series shows no daily rhythm, or when sampling is sparser than hourly.
    /// </summary>
    public double ZThenLearn(long ticks, double rate, double intervalDays, double typicalIntervalDays, DetectorSettings settings, out bool available)
    {
        available = false;
        if (typicalIntervalDays <= 0 || typicalIntervalDays > 1.0 / Slots)
        {
            return 0;
        }

        var perSlotPerDay = Math.Max(1, (1.0 / Slots) / typicalIntervalDays);
        var slotHorizon = (int)Math.Ceiling(HorizonDays * perSlotPerDay);
        var wholeHorizon = slotHorizon * Slots;
        var hour = (int)(ticks / TimeSpan.TicksPerHour % Slots);
        ref var slot = ref _slots[hour];
        var slotWarm = slot.Count >= WarmDays * perSlotPerDay;
        var wholeWarm = _whole.Count >= WarmDays * perSlotPerDay * Slots;

        var z = 0.0;
        var slotScale = 0.0;
        if (slotWarm)
        {
            var average = _slotScaleAverage.Learn(slot.Scale);
            slotScale = Math.Max(slot.Scale, Math.Max(1 / intervalDays, settings.LongRunScaleFloor * average));
            z = (rate - slot.Location) / slotScale;
            if (wholeWarm)
            {
                _errors++;
                var weight = 1.0 / Math.Min(_errors, wholeHorizon);
                _slotError += weight * (Math.Abs(rate - slot.Location) - _slotError);
                _wholeError += weight * (Math.Abs(rate - _whole.Location) - _wholeError);
                available = _errors >= perSlotPerDay * Slots && _slotError < _wholeError;
            }
        }

        slot.Learn(rate, slotHorizon, slotWarm, settings.BaselineClampZ, slotScale);
        var wholeScale = Math.Max(_whole.Scale, 1 / intervalDays);
        _whole.Learn(rate, wholeHorizon, wholeWarm, settings.BaselineClampZ, wholeScale);
        return z;
    }
}
