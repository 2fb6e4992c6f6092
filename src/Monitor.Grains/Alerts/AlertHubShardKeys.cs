using System.Globalization;
using Monitor.Core.Alerts;

namespace Monitor.Grains.Alerts;

/// <summary>
/// The grain keys of the alert hub's shards: with one shard, the single hub <see cref="AlertChangeFeed.HubKey"/>; with
/// more, <c>alert-hub/0</c> to <c>alert-hub/{n-1}</c>, each owning the correlation keys (groups, entities) that hash to
/// its bucket (<see cref="AlertHubShards"/>). The hub <see cref="AlertChangeFeed.HubKey"/> serves operator actions,
/// queries and the change log in every case.
/// </summary>
public static class AlertHubShardKeys
{
    public static string KeyOf(int bucket, int shards) =>
        shards == 1 ? AlertChangeFeed.HubKey : bucket.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether the hub with grain key <paramref name="grainKey"/> correlates under <paramref name="correlationKey"/>: a
    /// shard only its bucket's keys; the hub <see cref="AlertChangeFeed.HubKey"/> (or any other key) every key.
    /// </summary>
    public static bool Owns(string grainKey, string correlationKey, int shards) =>
        shards == 1 || !int.TryParse(grainKey, NumberStyles.None, CultureInfo.InvariantCulture, out var bucket)
        || AlertHubShards.BucketOf(correlationKey, shards) == bucket;
}
