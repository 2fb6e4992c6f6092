using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// A rate's usual level for each hour of the day (UTC), from that hour's own history over about four weeks: a winsorised
/// mean and mean absolute deviation per hour. It judges a rate against what this hour is usually like on many days, not
/// against one earlier day, and only once each hour has two weeks of history and while the series shows a daily rhythm:
/// while the hours' levels predict the next rate better than one level for the whole day does (both as prediction
/// errors, before learning the rate), which a series without a rhythm fails, its per-hour means resting on a 24th of the
/// data. Series sampled more sparsely than hourly are left alone.
/// </summary>
internal sealed class TimeOfDayProfile
{
    private const int Slots = 24;
    private const double HorizonDays = 28;
    private const double WarmDays = 14;

    private readonly HourSlot[] _slots = new HourSlot[Slots];
    private WinsorizedTracker _whole;
    private LongRunAverage _slotScaleAverage;
    private double _slotError;
    private double _wholeError;
    private long _errors;

    /// <summary>
    /// The robust z of <paramref name="rate"/> (per day, over an interval of <paramref name="intervalDays"/> ending at
    /// <paramref name="ticks"/>) against its hour's profile, then learns it; <paramref name="available"/> is false until the
    /// hour is warm, while the series shows no daily rhythm, and when sampling is sparser than hourly.
    /// </summary>
    public double ZThenLearn(long ticks, double rate, double intervalDays, double typicalIntervalDays, DetectorSettings settings, out bool available)
    {
        available = false;
        if (typicalIntervalDays <= 0 || typicalIntervalDays > 1.0 / Slots)
        {
            return 0;
        }

        var perSlotPerDay = Math.Max(1, 1.0 / Slots / typicalIntervalDays);
        var slotHorizon = (int)Math.Ceiling(HorizonDays * perSlotPerDay);
        var wholeHorizon = slotHorizon * Slots;
        ref var slot = ref _slots[(int)(ticks / TimeSpan.TicksPerHour % Slots)];
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
        _whole.Learn(rate, wholeHorizon, wholeWarm, settings.BaselineClampZ, Math.Max(_whole.Scale, 1 / intervalDays));
        return z;
    }

    /// <summary>Writes the profile: one byte while it has learnt nothing (a series sampled more sparsely than hourly).</summary>
    public void Write(ByteWriter writer)
    {
        writer.WriteBool(_whole.Count > 0);
        if (_whole.Count == 0)
        {
            return;
        }

        foreach (var slot in _slots)
        {
            slot.Write(writer);
        }

        _whole.Write(writer);
        _slotScaleAverage.Write(writer);
        writer.WriteDouble(_slotError);
        writer.WriteDouble(_wholeError);
        writer.WriteVarInt(_errors);
    }

    public void Read(ref ByteReader reader)
    {
        if (!reader.ReadBool())
        {
            return;
        }

        for (var i = 0; i < Slots; i++)
        {
            _slots[i] = HourSlot.Read(ref reader);
        }

        _whole = WinsorizedTracker.Read(ref reader);
        _slotScaleAverage = LongRunAverage.Read(ref reader);
        _slotError = reader.ReadDouble();
        _wholeError = reader.ReadDouble();
        _errors = reader.ReadVarInt();
    }
}
