using System.Text;

namespace Monitor.Core.Alerts;

/// <summary>
/// Which alert hub shard owns a correlation key (a group, or <c>entity:&lt;id&gt;</c>, or the account of an alert in
/// neither): a stable hash of the key (FNV-1a over its UTF-8 bytes) modulo the shard count. Stable across processes and
/// releases, unlike <see cref="string.GetHashCode()"/>, so every silo sends a key to the same shard.
/// </summary>
public static class AlertHubShards
{
    /// <summary>The bucket of <paramref name="key"/> among <paramref name="shards"/> (0 to shards - 1).</summary>
    public static int BucketOf(string key, int shards)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        return (int)(Fnv1a(key) % (uint)shards);
    }

    /// <summary>
    /// The buckets an alert goes to: one per correlation key (every member of a key's incidents meets there), or the
    /// bucket of <paramref name="fallback"/> (its account) when it has no key.
    /// </summary>
    public static IReadOnlyList<int> BucketsOf(IEnumerable<string> correlationKeys, string fallback, int shards)
    {
        ArgumentNullException.ThrowIfNull(correlationKeys);
        var buckets = correlationKeys.Select(key => BucketOf(key, shards)).Distinct().Order().ToList();
        return buckets.Count > 0 ? buckets : [BucketOf(fallback ?? string.Empty, shards)];
    }

    private static uint Fnv1a(string key)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
