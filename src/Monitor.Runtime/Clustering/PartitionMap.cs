using System.Text;
using Monitor.Runtime.Storage;

namespace Monitor.Runtime.Clustering;

/// <summary>
/// Grain key to partition: FNV-1a of the key's UTF-8 bytes modulo the partition count. Only the key is hashed, not the
/// grain type, so an account's grain, its observation rows and its directory row fall into one partition.
/// </summary>
public static class PartitionMap
{
    /// <summary>The partition of <paramref name="key"/> among <paramref name="partitions"/>.</summary>
    public static int PartitionOf(string key, int partitions)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        if (length <= 512)
        {
            Span<byte> buffer = stackalloc byte[512];
            var written = Encoding.UTF8.GetBytes(key, buffer);
            return (int)(StableGrainHash.Fnv1a(buffer[..written]) % (uint)partitions);
        }

        return (int)(StableGrainHash.Fnv1a(Encoding.UTF8.GetBytes(key)) % (uint)partitions);
    }
}
