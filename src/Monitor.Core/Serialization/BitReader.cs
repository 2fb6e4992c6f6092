namespace Monitor.Core.Serialization;

/// <summary>Reads what <see cref="BitWriter"/> wrote; reading past the end throws <see cref="FormatException"/>.</summary>
internal ref struct BitReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _bitLength;
    private int _position;

    public BitReader(ReadOnlySpan<byte> buffer, int bitLength)
    {
        if (bitLength < 0 || bitLength > buffer.Length * 8L)
        {
            throw new FormatException($"Bit length {bitLength} does not fit a buffer of {buffer.Length} bytes.");
        }

        _buffer = buffer;
        _bitLength = bitLength;
        _position = 0;
    }

    /// <summary>A reader that starts at bit <paramref name="position"/> (where an earlier reader stood between two values).</summary>
    public BitReader(ReadOnlySpan<byte> buffer, int bitLength, int position)
        : this(buffer, bitLength)
    {
        if (position < 0 || position > bitLength)
        {
            throw new FormatException($"Bit position {position} is outside the {bitLength} bits.");
        }

        _position = position;
    }

    public readonly int Position => _position;

    public readonly bool AtEnd => _position >= _bitLength;

    public bool ReadBit()
    {
        if (_position >= _bitLength)
        {
            throw new FormatException($"Encoded series ends early at bit {_position}.");
        }

        var bit = (_buffer[_position >> 3] & (0x80 >> (_position & 7))) != 0;
        _position++;
        return bit;
    }

    public ulong ReadBits(int count)
    {
        if (_position + count > _bitLength)
        {
            throw new FormatException($"Encoded series ends early: {count} bits wanted at bit {_position} of {_bitLength}.");
        }

        ulong value = 0;
        while (count > 0)
        {
            var available = 8 - (_position & 7);
            var take = Math.Min(available, count);
            var chunk = (ulong)((_buffer[_position >> 3] >> (available - take)) & ((1 << take) - 1));
            value = (value << take) | chunk;
            _position += take;
            count -= take;
        }

        return value;
    }

    public long ReadSigned()
    {
        var cls = 0;
        while (cls < SignedCode.ClassCount - 1 && ReadBit())
        {
            cls++;
        }

        var width = SignedCode.Width(cls);
        if (width == 0)
        {
            return 0;
        }

        var raw = ReadBits(width);
        return width == 64 ? (long)raw : (long)(raw << (64 - width)) >> (64 - width);
    }

    public long? ReadOptional(ref long? previous)
    {
        if (!ReadBit())
        {
            return previous;
        }

        previous = ReadBit() ? ReadSigned() + (previous ?? 0) : null;
        return previous;
    }
}
