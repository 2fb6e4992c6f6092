using System.Buffers.Binary;
using System.Text;

namespace Monitor.Core.Serialization;

/// <summary>Reads what <see cref="ByteWriter"/> wrote; malformed or truncated input throws <see cref="FormatException"/>.</summary>
internal ref struct ByteReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ByteReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool AtEnd => _position == _data.Length;

    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw new FormatException($"Serialised data ends early at byte {_position}.");
        }

        return _data[_position++];
    }

    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw new FormatException($"Expected a boolean at byte {_position - 1}, got {b}."),
    };

    public ulong ReadVarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException($"Varint too long at byte {_position}.");
    }

    public long ReadVarInt()
    {
        var raw = ReadVarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public long? ReadOptionalVarInt() => ReadBool() ? ReadVarInt() : null;

    /// <summary>Reads a non-negative count no larger than <paramref name="max"/>.</summary>
    public int ReadCount(int max, string what)
    {
        var value = ReadVarUInt();
        return value > (ulong)max ? throw new FormatException($"{what} {value} exceeds the maximum {max}.") : (int)value;
    }

    public double ReadDouble()
    {
        var span = ReadSpan(8);
        return BinaryPrimitives.ReadDoubleLittleEndian(span);
    }

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(ReadSpan(4));

    public ReadOnlySpan<byte> ReadSpan(int count)
    {
        if (count < 0 || _position + count > _data.Length)
        {
            throw new FormatException($"Serialised data ends early: {count} bytes wanted at byte {_position} of {_data.Length}.");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    public string? ReadString()
    {
        var length = ReadVarUInt();
        if (length == 0)
        {
            return null;
        }

        if (length - 1 > int.MaxValue)
        {
            throw new FormatException($"String length {length - 1} is too large.");
        }

        return Encoding.UTF8.GetString(ReadSpan((int)(length - 1)));
    }
}
