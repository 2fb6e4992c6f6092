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

    // Reader states about every MarkSpacing records, so a search decodes a few of them plus one stretch instead of the whole
    // tier. Built by the first search (an account nobody asks about pays nothing), kept up by appends and DropFront, dropped
    // by Rebuild; never serialized.
    private List<SeriesMark<TCodec>>? _marks;

    private const int MarkSpacing = 128;

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
        if (_marks is not null)
        {
            MarkIfDue(_count, _bits, _tail);
        }

        var writer = new BitWriter(_buffer, _bits);
        _tail.Write(ref writer, record);
        _buffer = writer.Buffer;
        _bits = writer.BitLength;
        _count++;
    }

    /// <summary>
    /// A reader for finding the last record <paramref name="bound"/> includes: it starts at the latest mark whose record is
    /// included (or at the front), so every record it skips is included too and the answer is among those it reads.
    /// </summary>
    public Reader GetReaderNear<TBound>(TBound bound)
        where TBound : struct, IRecordBound<TRecord>
    {
        var marks = _marks ??= BuildMarks();
        int lo = 0, hi = marks.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var probe = new Reader(_buffer, _bits, _count, marks[mid]);
            probe.TryRead(out var record);
            if (bound.Includes(record))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo == 0 ? GetReader() : new Reader(_buffer, _bits, _count, marks[lo - 1]);
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
        _marks = null;
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
            _marks = null;
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

        // The kept bits move by a fixed distance and the codec states in them stay as they were, so do the marks in them.
        ShiftMarks(count + reencoded, count, writer.BitLength - reader.Position);
        writer.AppendBits(_buffer, reader.Position, _bits - reader.Position);
        _buffer = writer.Buffer;
        _bits = writer.BitLength;
        _count -= count;
    }

    private void ShiftMarks(int firstKept, int dropped, int bitShift)
    {
        if (_marks is null)
        {
            return;
        }

        var kept = 0;
        while (kept < _marks.Count && _marks[kept].Record < firstKept)
        {
            kept++;
        }

        _marks.RemoveRange(0, kept);
        for (var i = 0; i < _marks.Count; i++)
        {
            var mark = _marks[i];
            _marks[i] = new SeriesMark<TCodec>(mark.Record - dropped, mark.Bit + bitShift, mark.Codec);
        }
    }

    private readonly List<SeriesMark<TCodec>> BuildMarks()
    {
        var marks = new List<SeriesMark<TCodec>>();
        var reader = new BitReader(_buffer, _bits);
        var codec = TCodec.Start;
        var lastMarked = 0;
        for (var record = 0; record < _count; record++)
        {
            if (record - lastMarked >= MarkSpacing)
            {
                marks.Add(new SeriesMark<TCodec>(record, reader.Position, codec));
                lastMarked = record;
            }

            codec.Read(ref reader);
        }

        return marks;
    }

    private readonly void MarkIfDue(int record, int bit, in TCodec codec)
    {
        var lastMarked = _marks is { Count: > 0 } marks ? marks[^1].Record : 0;
        if (record - lastMarked >= MarkSpacing)
        {
            _marks!.Add(new SeriesMark<TCodec>(record, bit, codec));
        }
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

        public Reader(byte[] buffer, int bits, int count, SeriesMark<TCodec> mark)
        {
            _bits = new BitReader(buffer, bits, mark.Bit);
            _codec = mark.Codec;
            _remaining = count - mark.Record;
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
