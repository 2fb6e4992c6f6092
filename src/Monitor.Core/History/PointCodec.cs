using Monitor.Core.Serialization;

namespace Monitor.Core.History;

/// <summary>
/// Encodes raw points as deltas of deltas (time and followers) and deltas (following, posts) against the previous point,
/// so a regularly sampled, steadily growing account costs a few bits per point. After writing or reading a point the
/// codec holds that point's values, so it doubles as "the last point".
/// </summary>
internal struct PointCodec : IRecordCodec<RawPoint, PointCodec>
{
    public static PointCodec Start => default;

    public long PreviousTime;
    public long PreviousTimeDelta;
    public long PreviousFollowers;
    public long PreviousFollowersDelta;
    public long? PreviousFollowing;
    public long? PreviousPosts;

    public readonly RawPoint Last => new(PreviousTime, PreviousFollowers, PreviousFollowing, PreviousPosts);

    public void Write(ref BitWriter writer, in RawPoint point)
    {
        var timeDelta = point.Time - PreviousTime;
        writer.WriteSigned(timeDelta - PreviousTimeDelta);
        var followersDelta = point.Followers - PreviousFollowers;
        writer.WriteSigned(followersDelta - PreviousFollowersDelta);
        writer.WriteOptional(point.Following, ref PreviousFollowing);
        writer.WriteOptional(point.Posts, ref PreviousPosts);
        PreviousTime = point.Time;
        PreviousTimeDelta = timeDelta;
        PreviousFollowers = point.Followers;
        PreviousFollowersDelta = followersDelta;
    }

    public RawPoint Read(ref BitReader reader)
    {
        PreviousTimeDelta += reader.ReadSigned();
        PreviousTime += PreviousTimeDelta;
        PreviousFollowersDelta += reader.ReadSigned();
        PreviousFollowers += PreviousFollowersDelta;
        reader.ReadOptional(ref PreviousFollowing);
        reader.ReadOptional(ref PreviousPosts);
        return Last;
    }
}
