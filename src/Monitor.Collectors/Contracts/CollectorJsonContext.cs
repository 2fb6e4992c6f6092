using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>Source-generated (de)serialisers of every platform contract.</summary>
[JsonSerializable(typeof(XUsersResponse))]
[JsonSerializable(typeof(XProblem))]
[JsonSerializable(typeof(BlueskyProfilesResponse))]
[JsonSerializable(typeof(BlueskyProfile))]
[JsonSerializable(typeof(XrpcError))]
[JsonSerializable(typeof(MastodonAccount))]
[JsonSerializable(typeof(MastodonError))]
[JsonSerializable(typeof(YouTubeChannelListResponse))]
[JsonSerializable(typeof(GoogleErrorResponse))]
[JsonSerializable(typeof(TelegramCountResponse))]
[JsonSerializable(typeof(GraphBusinessDiscoveryResponse))]
[JsonSerializable(typeof(GraphPage))]
[JsonSerializable(typeof(GraphErrorResponse))]
[JsonSerializable(typeof(TikTokUserInfoResponse))]
[JsonSerializable(typeof(TikTokTokenResponse))]
public sealed partial class CollectorJsonContext : JsonSerializerContext;
