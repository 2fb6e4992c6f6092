using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// The last N values with their median and median absolute deviation. Values are kept sorted (a value is replaced by
/// counting the values below the old and the new one, and a block move: O(N) with a tiny constant); the MAD is the k-th
/// smallest distance from the median, found in O(log N) by a two-sided binary search over the sorted values.
/// </summary>
internal sealed class RollingRobustWindow
{
    /// <summary>
    /// 1.4826 x MAD estimates the standard deviation of normally distributed values (1.4826 = 1 / 0.6745, the standard normal's
    /// 75th percentile), so robust z-scores read like ordinary ones while an outlier barely moves them.
    /// </summary>
    public const double MadToStandardDeviation = 1.4826;

    private readonly int _capacity;
    private double[] _ring = [];
    private double[] _sorted = [];
    private int _count;
    private int _next;

    public RollingRobustWindow(int capacity)
    {
        _capacity = capacity;
    }

    public int Count => _count;

    public void Add(double value)
    {
        if (_count == _capacity)
        {
            ReplaceSorted(_ring[_next], value);
            _ring[_next] = value;
            _next = _next + 1 == _capacity ? 0 : _next + 1;
            return;
        }

        if (_count == _ring.Length)
        {
            var size = Math.Min(_capacity, Math.Max(8, _count * 2));
            Array.Resize(ref _ring, size);
            Array.Resize(ref _sorted, size);
        }

        InsertSorted(value);
        _ring[_count] = value;
        _count++;
    }

    public void Clear()
    {
        _count = 0;
        _next = 0;
    }

    public double Median()
    {
        var n = _count;
        return n == 0 ? 0 : (n & 1) == 1 ? _sorted[n >> 1] : (_sorted[(n >> 1) - 1] + _sorted[n >> 1]) / 2;
    }

    /// <summary>The median of |x - <paramref name="median"/>| over the window.</summary>
    public double MedianAbsoluteDeviation(double median)
    {
        var n = _count;
        if (n == 0)
        {
            return 0;
        }

        var values = new ReadOnlySpan<double>(_sorted, 0, n);
        var split = LowerBoundNear(values, median, n >> 1);
        var (kth, next) = KthDistance(values, split, median, (n - 1) >> 1);
        return (n & 1) == 1 ? kth : (kth + next) / 2;
    }

    /// <summary>The standard deviation the MAD estimates (<see cref="MadToStandardDeviation"/>).</summary>
    public double RobustStandardDeviation(double median) => MadToStandardDeviation * MedianAbsoluteDeviation(median);

    public void Write(ByteWriter writer)
    {
        writer.WriteVarUInt((ulong)_count);
        var start = _count == _capacity ? _next : 0;
        for (var i = 0; i < _count; i++)
        {
            var index = start + i;
            writer.WriteDouble(_ring[index >= _capacity ? index - _capacity : index]);
        }
    }

    public void Read(ref ByteReader reader)
    {
        Clear();
        var count = reader.ReadCount(1 << 20, "Window size");
        for (var i = 0; i < count; i++)
        {
            Add(reader.ReadDouble());
        }
    }

    /// <summary>
    /// The k-th (0-based) smallest |x - m| and the one after it (for an even count). Distances to the left of <paramref name="split"/> grow leftwards, to the right they
    /// grow rightwards: two sorted sequences, so this is the k-th element of their union.
    /// </summary>
    private static (double Kth, double Next) KthDistance(ReadOnlySpan<double> values, int split, double m, int k)
    {
        int leftLength = split, rightLength = values.Length - split;
        var take = k + 1;
        int lo = Math.Max(0, take - rightLength), hi = Math.Min(take, leftLength);
        while (lo <= hi)
        {
            var i = (lo + hi) >>> 1;
            var j = take - i;
            if (i < leftLength && j > 0 && values[split + j - 1] - m > m - values[split - 1 - i])
            {
                lo = i + 1;
            }
            else if (i > 0 && j < rightLength && m - values[split - i] > values[split + j] - m)
            {
                hi = i - 1;
            }
            else
            {
                var fromLeft = i > 0 ? m - values[split - i] : double.NegativeInfinity;
                var fromRight = j > 0 ? values[split + j - 1] - m : double.NegativeInfinity;
                var nextLeft = i < leftLength ? m - values[split - 1 - i] : double.PositiveInfinity;
                var nextRight = j < rightLength ? values[split + j] - m : double.PositiveInfinity;
                return (Math.Max(fromLeft, fromRight), Math.Min(nextLeft, nextRight));
            }
        }

        throw new InvalidOperationException("Unreachable: the partition search always terminates.");
    }

    /// <summary>
    /// <see cref="LowerBound"/> found by walking from <paramref name="start"/>: the same index, in a step or two when the value
    /// lies there (the median does, at the middle).
    /// </summary>
    private static int LowerBoundNear(ReadOnlySpan<double> values, double value, int start)
    {
        var index = start;
        while (index > 0 && values[index - 1] >= value)
        {
            index--;
        }

        while (index < values.Length && values[index] < value)
        {
            index++;
        }

        return index;
    }

    private static int LowerBound(ReadOnlySpan<double> values, double value)
    {
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] < value)
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

    private void InsertSorted(double value)
    {
        var position = LowerBound(new ReadOnlySpan<double>(_sorted, 0, _count), value);
        _sorted.AsSpan(position, _count - position).CopyTo(_sorted.AsSpan(position + 1));
        _sorted[position] = value;
    }

    /// <summary>Evicts <paramref name="old"/> and inserts <paramref name="value"/>, moving only the values between their two positions.</summary>
    private void ReplaceSorted(double old, double value)
    {
        var sorted = _sorted.AsSpan(0, _count);
        var from = VectorCount.Below(sorted, old);
        if (value > old)
        {
            var to = VectorCount.Below(sorted, value);
            sorted[(from + 1)..to].CopyTo(sorted[from..]);
            sorted[to - 1] = value;
        }
        else if (value < old)
        {
            var to = VectorCount.Below(sorted, value);
            sorted[to..from].CopyTo(sorted[(to + 1)..]);
            sorted[to] = value;
        }
        else
        {
            sorted[from] = value;
        }
    }
}
