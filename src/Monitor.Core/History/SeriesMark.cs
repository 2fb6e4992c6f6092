namespace Monitor.Core.History;

/// <summary>Where a reader of an encoded series stood before record <paramref name="Record"/>: its bit and codec state.</summary>
internal readonly record struct SeriesMark<TCodec>(int Record, int Bit, TCodec Codec)
    where TCodec : struct;
