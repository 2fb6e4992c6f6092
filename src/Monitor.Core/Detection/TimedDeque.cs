using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>A double-ended queue of (time, value) pairs in time order, growable up to a cap (beyond it the oldest is dropped).</summary>
internal sealed class TimedDeque
{
    private readonly int _cap;
    private long[] _times = [];
    private double[] _values = [];
    private int _head;
    private int _count;

    public TimedDeque(int cap)
    {
        _cap = cap;
    }

    public int Count => _count;

    public long TimeAt(int index) => _times[Slot(index)];

    public double ValueAt(int index) => _values[Slot(index)];

    public long FrontTime => _times[_head];

    public double FrontValue => _values[_head];

    public double BackValue => _values[Slot(_count - 1)];

    public void PushBack(long time, double value)
    {
        if (_count == _cap)
        {
            PopFront();
        }

        if (_count == _times.Length)
        {
            Grow();
        }

        var slot = Slot(_count);
        _times[slot] = time;
        _values[slot] = value;
        _count++;
    }

    public void PopFront()
    {
        _head = _head + 1 == _times.Length ? 0 : _head + 1;
        _count--;
    }

    public void PopBack() => _count--;

    /// <summary>The index of the first entry at or after <paramref name="time"/> (Count when none).</summary>
    public int FirstAtOrAfter(long time)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (TimeAt(mid) < time)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// <see cref="FirstAtOrAfter(long)"/> found by walking from <paramref name="hint"/> (any index; a previous answer makes it a
    /// step or two when the times searched for move forward). The answer does not depend on the hint.
    /// </summary>
    public int FirstAtOrAfter(long time, int hint)
    {
        var index = Math.Clamp(hint, 0, _count);
        if (index > 0 && TimeAt(index - 1) >= time)
        {
            return FirstAtOrAfter(time);
        }

        while (index < _count && TimeAt(index) < time)
        {
            index++;
        }

        return index;
    }

    public void Write(ByteWriter writer)
    {
        writer.WriteVarUInt((ulong)_count);
        var previous = 0L;
        for (var i = 0; i < _count; i++)
        {
            writer.WriteVarInt(TimeAt(i) - previous);
            previous = TimeAt(i);
            writer.WriteDouble(ValueAt(i));
        }
    }

    public void Read(ref ByteReader reader)
    {
        _count = 0;
        _head = 0;
        var count = reader.ReadCount(1 << 20, "Deque size");
        var previous = 0L;
        for (var i = 0; i < count; i++)
        {
            previous += reader.ReadVarInt();
            PushBack(previous, reader.ReadDouble());
        }
    }

    private int Slot(int index)
    {
        var slot = _head + index;
        return slot >= _times.Length ? slot - _times.Length : slot;
    }

    private void Grow()
    {
        var size = Math.Min(_cap, Math.Max(8, _times.Length * 2));
        var times = new long[size];
        var values = new double[size];
        for (var i = 0; i < _count; i++)
        {
            times[i] = TimeAt(i);
            values[i] = ValueAt(i);
        }

        _times = times;
        _values = values;
        _head = 0;
    }
}
