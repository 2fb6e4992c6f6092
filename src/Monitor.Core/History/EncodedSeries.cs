using Monitor.Core.Serialization;

namespace Monitor.Core.History;

/// <summary>
/// A time-ordered run of records held as one delta-encoded bit buffer, with the codec state after the last record kept so
/// appends cost only the new record. A mutable struct: held in a field and never copied.
/// </summary>
internal struct EncodedSeries<TRecord, TCodec>
    where TRecord : struct
    where TCodec : struct, IRecordCodec<TRecord, TCodec>
{
    private byte[] _buffer;
    private int _bits;
    private int _count;
    private TCodec _tail;

    public EncodedSeries()
    {
        _buffer = [];
        _tail = TCodec.Start;
    }

    public readonly int Count => _count;

    public readonly int Capacity => _buffer.Length;

    /// <summary>The codec state after the last record (for points, the last point itself).</summary>
    public readonly TCodec Tail => _tail;

    public readonly Reader GetReader() => new(_buffer, _bits, _count);

    public void Append(in TRecord record)
    {
        var writer = new BitWriter(_buffer, _bits);
        _tail.Write(ref writer, record);
        _buffer = writer.Buffer;
        _bits = writer.BitLength;
        _count++;
    }

    public readonly List<TRecord> DecodeAll()
    {
        var records = new List<TRecord>(_count + 1);
        var reader = GetReader();
        while (reader.TryRead(out var record))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Replaces the content with <paramref name="records"/> (time-ordered).</summary>
    public void Rebuild(List<TRecord> records)
    {
        var writer = new BitWriter(new byte[Math.Max(16, _buffer.Length)], 0);
        var codec = TCodec.Start;
        foreach (var record in records)
        {
            codec.Write(ref writer, record);
        }

        _buffer = writer.Buffer;
        _bits = writer.BitLength;
        _count = records.Count;
        _tail = codec;
    }

    /// <summary>
    /// Removes the first <paramref name="count"/> records. The next two are re-encoded from a fresh codec, after which the
    /// codec state equals the original's, so the remaining bits are copied as they are.
    /// </summary>
    public void DropFront(int count)
    {
        if (count <= 0)
        {
            return;
        }

        if (count >= _count)
        {
            _buffer = [];
            _bits = 0;
            _count = 0;
            _tail = TCodec.Start;
            return;
        }

        var reader = new BitReader(_buffer, _bits);
        var codec = TCodec.Start;
        for (var i = 0; i < count; i++)
        {
            codec.Read(ref reader);
        }

        // Sized for what stays plus a little room for appends (a worst-case pair of fresh records is under 64 bytes).
        var writer = new BitWriter(new byte[((_bits - reader.Position + 7) >> 3) + 96], 0);
        var fresh = TCodec.Start;
        var reencoded = Math.Min(2, _count - count);
        for (var i = 0; i < reencoded; i++)
        {
            fresh.Write(ref writer, codec.Read(ref reader));
        }

        writer.AppendBits(_buffer, reader.Position, _bits - reader.Position);
        _buffer = writer.Buffer;
        _bits = writer.BitLength;
        _count -= count;
    }

    public readonly void WriteTo(ByteWriter writer)
    {
        writer.WriteVarUInt((ulong)_count);
        writer.WriteVarUInt((ulong)_bits);
        writer.WriteBytes(_buffer.AsSpan(0, (_bits + 7) >> 3));
    }

    /// <summary>Loads a tier written by <see cref="WriteTo"/> into an exact-size buffer; call <see cref="Reader"/> to validate it.</summary>
    public static EncodedSeries<TRecord, TCodec> ReadFrom(ref ByteReader reader, string tier)
    {
        var count = reader.ReadVarUInt();
        var bits = reader.ReadVarUInt();
        if (count > int.MaxValue || bits > int.MaxValue - 7)
        {
            throw new FormatException($"The {tier} tier's record count {count} or bit length {bits} is out of range.");
        }

        var buffer = reader.ReadSpan((int)((bits + 7) >> 3)).ToArray();
        if ((bits & 7) != 0)
        {
            // Appends OR bits into the last byte, so whatever follows the last bit must be zero.
            buffer[^1] &= (byte)(0xFF << (8 - (int)(bits & 7)));
        }

        var series = new EncodedSeries<TRecord, TCodec> { _buffer = buffer, _bits = (int)bits, _count = (int)count };
        var walker = series.GetReader();
        while (walker.TryRead(out _))
        {
        }

        if ((ulong)walker.BitPosition != bits)
        {
            throw new FormatException($"The {tier} tier holds {bits} bits but its {count} records end at bit {walker.BitPosition}.");
        }

        series._tail = walker.Codec;
        return series;
    }

    /// <summary>Reads the records in order; the codec state after each read is the state after that record.</summary>
    public ref struct Reader
    {
        private BitReader _bits;
        private TCodec _codec;
        private int _remaining;

        public Reader(byte[] buffer, int bits, int count)
        {
            _bits = new BitReader(buffer, bits);
            _codec = TCodec.Start;
            _remaining = count;
        }

        public readonly TCodec Codec => _codec;

        public readonly int BitPosition => _bits.Position;

        public bool TryRead(out TRecord record)
        {
            if (_remaining == 0)
            {
                record = default;
                return false;
            }

            record = _codec.Read(ref _bits);
            _remaining--;
            return true;
        }
    }
}
