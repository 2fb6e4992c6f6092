using Monitor.Core.Serialization;

namespace Monitor.Core.History;

/// <summary>
/// Encodes roll-up buckets against the previous bucket: the index gap, the count (1 bit when 1), the time offsets within the
/// bucket as deltas, the last followers as a delta of deltas, min and max as distances from the last value (only when the
/// bucket holds more than one point), following and posts as deltas.
/// </summary>
internal struct BucketCodec : IRecordCodec<Bucket, BucketCodec>
{
    public long PreviousIndex;
    public long PreviousFirstOffset;
    public long PreviousLastOffset;
    public long PreviousLast;
    public long PreviousLastDelta;
    public long? PreviousFollowing;
    public long? PreviousPosts;

    public static BucketCodec Start => new() { PreviousIndex = -1 };

    public void Write(ref BitWriter writer, in Bucket bucket)
    {
        writer.WriteSigned(bucket.Index - PreviousIndex - 1);
        if (bucket.Count == 1)
        {
            writer.WriteBit(false);
        }
        else
        {
            writer.WriteBit(true);
            writer.WriteSigned(bucket.Count - 2L);
        }

        writer.WriteSigned(bucket.FirstOffset - PreviousFirstOffset);
        if (bucket.Count > 1)
        {
            writer.WriteSigned(bucket.LastOffset - PreviousLastOffset);
        }

        var lastDelta = bucket.Last - PreviousLast;
        writer.WriteSigned(lastDelta - PreviousLastDelta);
        if (bucket.Count > 1)
        {
            writer.WriteSigned(bucket.Last - bucket.Min);
            writer.WriteSigned(bucket.Max - bucket.Last);
        }

        writer.WriteOptional(bucket.Following, ref PreviousFollowing);
        writer.WriteOptional(bucket.Posts, ref PreviousPosts);
        PreviousIndex = bucket.Index;
        PreviousFirstOffset = bucket.FirstOffset;
        PreviousLastOffset = bucket.LastOffset;
        PreviousLast = bucket.Last;
        PreviousLastDelta = lastDelta;
    }

    public Bucket Read(ref BitReader reader)
    {
        var bucket = default(Bucket);
        bucket.Index = PreviousIndex + 1 + reader.ReadSigned();
        var count = reader.ReadBit() ? reader.ReadSigned() + 2 : 1;
        if (count is < 1 or > int.MaxValue)
        {
            throw new FormatException($"Bucket count {count} is out of range.");
        }

        bucket.Count = (int)count;
        bucket.FirstOffset = checked((int)(PreviousFirstOffset + reader.ReadSigned()));
        bucket.LastOffset = bucket.Count > 1 ? checked((int)(PreviousLastOffset + reader.ReadSigned())) : bucket.FirstOffset;
        PreviousLastDelta += reader.ReadSigned();
        bucket.Last = PreviousLast + PreviousLastDelta;
        bucket.Min = bucket.Count > 1 ? bucket.Last - reader.ReadSigned() : bucket.Last;
        bucket.Max = bucket.Count > 1 ? bucket.Last + reader.ReadSigned() : bucket.Last;
        bucket.Following = reader.ReadOptional(ref PreviousFollowing);
        bucket.Posts = reader.ReadOptional(ref PreviousPosts);
        PreviousIndex = bucket.Index;
        PreviousFirstOffset = bucket.FirstOffset;
        PreviousLastOffset = bucket.LastOffset;
        PreviousLast = bucket.Last;
        return bucket;
    }
}
