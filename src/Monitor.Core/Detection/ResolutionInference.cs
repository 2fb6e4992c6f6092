using Monitor.Core.Accounts;
using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// Infers whether an account's counts are rounded when the source does not say: over the last <see cref="Window"/> counts,
/// k is the most significant figures any of them has (trailing zeros are not significant); the counts are taken as rounded
/// to k significant figures when k is at most <see cref="MaxInferredFigures"/>, at least <see cref="MinCounts"/> counts were
/// seen, and at least three in four of them have more digits than k (so they really were rounded: 86,200 at k = 3, not 862).
/// An exact count of five or more digits ends in zero one time in ten, so an exact series passes this by chance about once
/// in 10^9 windows.
/// </summary>
internal struct ResolutionInference
{
    /// <summary>How many recent counts the inference looks at.</summary>
    public const int Window = 24;

    /// <summary>How many counts are needed before any rounding is inferred.</summary>
    public const int MinCounts = 12;

    /// <summary>The most significant figures inferred as rounding (more is indistinguishable from exact).</summary>
    public const int MaxInferredFigures = 4;

    // Each entry packs a count's significant figures (low nibble) and its digits (high nibble); counts have at most 13 digits.
    private byte[]? _entries;
    private int _next;
    private int _count;

    /// <summary>The resolution the recent counts show: rounded to k significant figures, or exact.</summary>
    public readonly CountResolution Inferred
    {
        get
        {
            if (_count < MinCounts || _entries is null)
            {
                return CountResolution.Exact;
            }

            var figures = 0;
            for (var i = 0; i < _count; i++)
            {
                figures = Math.Max(figures, _entries[i] & 0x0F);
                if (figures > MaxInferredFigures)
                {
                    // Read at every observation: an exact series usually ends the scan at its first count.
                    return CountResolution.Exact;
                }
            }

            if (figures == 0)
            {
                return CountResolution.Exact;
            }

            var rounded = 0;
            for (var i = 0; i < _count; i++)
            {
                rounded += (_entries[i] >> 4) > figures ? 1 : 0;
            }

            return rounded * 4 >= _count * 3 ? CountResolution.SignificantFigures(figures) : CountResolution.Exact;
        }
    }

    /// <summary>Takes one count into the window (counts of zero or less say nothing about rounding).</summary>
    public void Add(long count)
    {
        if (count <= 0)
        {
            return;
        }

        var digits = CountResolution.CountDigits(count);
        var trailingZeros = 0;
        for (var rest = count; rest % 10 == 0; rest /= 10)
        {
            trailingZeros++;
        }

        _entries ??= new byte[Window];
        _entries[_next] = (byte)((digits << 4) | (digits - trailingZeros));
        _next = (_next + 1) % Window;
        _count = Math.Min(_count + 1, Window);
    }

    public readonly void Write(ByteWriter writer)
    {
        writer.WriteVarUInt((ulong)_count);
        writer.WriteVarUInt((ulong)_next);
        if (_count > 0)
        {
            writer.WriteBytes(_entries.AsSpan(0, _count));
        }
    }

    public static ResolutionInference Read(ref ByteReader reader)
    {
        var count = reader.ReadCount(Window, "Resolution inference count");
        var next = reader.ReadCount(Window - 1, "Resolution inference position");
        var inference = new ResolutionInference { _count = count, _next = next };
        if (count > 0)
        {
            inference._entries = new byte[Window];
            reader.ReadSpan(count).CopyTo(inference._entries);
        }

        return inference;
    }
}
