using Monitor.Core.Serialization;

namespace Monitor.Core.History;

/// <summary>
/// Delta-encodes records against the previous one. The codec's state after a record depends only on that record and the one
/// before it, which is what lets <see cref="EncodedSeries{TRecord, TCodec}.DropFront"/> re-encode two records and copy the rest.
/// </summary>
internal interface IRecordCodec<TRecord, TCodec>
    where TRecord : struct
    where TCodec : struct, IRecordCodec<TRecord, TCodec>
{
    /// <summary>The state before the first record.</summary>
    static abstract TCodec Start { get; }

    void Write(ref BitWriter writer, in TRecord record);

    TRecord Read(ref BitReader reader);
}
