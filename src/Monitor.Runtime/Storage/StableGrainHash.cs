using System.Buffers;
using System.Text;

namespace Monitor.Runtime.Storage;

/// <summary>
/// A hash of a <see cref="GrainId"/> that is the same in every process and build (unlike <see cref="string.GetHashCode()"/>):
/// 32-bit FNV-1a over the UTF-8 bytes of <c>"type/key"</c>. Stored with reminders so cluster mode can read them by hash range.
/// </summary>
public static class StableGrainHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>The hash of <paramref name="grainId"/>, as the signed value the <c>grain_hash</c> columns hold.</summary>
    public static int Compute(GrainId grainId)
    {
        var text = grainId.ToString();
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        Span<byte> buffer = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(text, buffer);
            return unchecked((int)Fnv1a(buffer[..written]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>32-bit FNV-1a of <paramref name="data"/>.</summary>
    public static uint Fnv1a(ReadOnlySpan<byte> data)
    {
        var hash = OffsetBasis;
        foreach (var value in data)
        {
            hash = unchecked((hash ^ value) * Prime);
        }

        return hash;
    }
}
