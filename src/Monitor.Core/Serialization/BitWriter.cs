namespace Monitor.Core.Serialization;

/// <summary>
/// Appends bit fields, most significant bit first, to a growable buffer. Signed values use a prefix code that spends
/// 1 bit on zero and 8, 12, 17, 25, 38 or 70 bits on wider values, so regular series (deltas of deltas near zero) cost little.
/// </summary>
internal struct BitWriter
{
    private byte[] _buffer;
    private int _bitLength;

    public BitWriter(byte[] buffer, int bitLength)
    {
        _buffer = buffer;
        _bitLength = bitLength;
    }

    public readonly byte[] Buffer => _buffer;

    public readonly int BitLength => _bitLength;

    public readonly int ByteLength => (_bitLength + 7) >> 3;

    public void WriteBit(bool bit)
    {
        EnsureCapacity(1);
        if (bit)
        {
            _buffer[_bitLength >> 3] |= (byte)(0x80 >> (_bitLength & 7));
        }

        _bitLength++;
    }

    /// <summary>Writes the low <paramref name="count"/> bits of <paramref name="value"/> (1 to 64).</summary>
    public void WriteBits(ulong value, int count)
    {
        EnsureCapacity(count);
        while (count > 0)
        {
            var free = 8 - (_bitLength & 7);
            var take = Math.Min(free, count);
            var chunk = (byte)((value >> (count - take)) & ((1UL << take) - 1));
            _buffer[_bitLength >> 3] |= (byte)(chunk << (free - take));
            _bitLength += take;
            count -= take;
        }
    }

    public void WriteSigned(long value)
    {
        for (var i = 0; i < SignedCode.ClassCount; i++)
        {
            var width = SignedCode.Width(i);
            if (!SignedCode.Fits(value, width))
            {
                continue;
            }

            // Prefix: i ones then a zero, except the widest class which is all ones.
            if (i < SignedCode.ClassCount - 1)
            {
                WriteBits((1UL << (i + 1)) - 2, i + 1);
            }
            else
            {
                WriteBits((1UL << i) - 1, i);
            }

            if (width > 0)
            {
                WriteBits(width == 64 ? (ulong)value : (ulong)value & ((1UL << width) - 1), width);
            }

            return;
        }
    }

    /// <summary>Writes an optional count: one 0 bit when it equals <paramref name="previous"/>, else 1, a presence bit and the delta.</summary>
    public void WriteOptional(long? value, ref long? previous)
    {
        if (value == previous)
        {
            WriteBit(false);
            return;
        }

        WriteBit(true);
        WriteBit(value.HasValue);
        if (value is { } v)
        {
            WriteSigned(v - (previous ?? 0));
        }

        previous = value;
    }

    /// <summary>Appends <paramref name="count"/> bits of <paramref name="source"/> starting at bit <paramref name="sourceBit"/>, a byte at a time.</summary>
    public void AppendBits(ReadOnlySpan<byte> source, int sourceBit, int count)
    {
        EnsureCapacity(count + 8);
        while (count > 0 && (sourceBit & 7) != 0)
        {
            WriteBit((source[sourceBit >> 3] & (0x80 >> (sourceBit & 7))) != 0);
            sourceBit++;
            count--;
        }

        var first = sourceBit >> 3;
        var whole = count >> 3;
        var shift = _bitLength & 7;
        var destination = _bitLength >> 3;
        if (shift == 0)
        {
            source.Slice(first, whole).CopyTo(_buffer.AsSpan(destination));
        }
        else
        {
            for (var i = 0; i < whole; i++)
            {
                var b = source[first + i];
                _buffer[destination + i] |= (byte)(b >> shift);
                _buffer[destination + i + 1] = (byte)(b << (8 - shift));
            }
        }

        _bitLength += whole * 8;
        var rest = count & 7;
        if (rest > 0)
        {
            WriteBits((ulong)(source[first + whole] >> (8 - rest)), rest);
        }
    }

    private void EnsureCapacity(int bits)
    {
        var needed = (_bitLength + bits + 7) >> 3;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, Math.Max(16, _buffer.Length + (_buffer.Length >> 1))));
        }
    }
}
