namespace Monitor.Core.History;

/// <summary>The three encoded tiers of a <see cref="FollowerHistory"/> and where the raw and hourly tiers begin.</summary>
internal readonly record struct FollowerHistoryTiers(
    EncodedSeries<RawPoint, PointCodec> Raw,
    EncodedSeries<Bucket, BucketCodec> Hourly,
    EncodedSeries<Bucket, BucketCodec> Daily,
    long RawFirstTime,
    long HourlyFirstIndex);
