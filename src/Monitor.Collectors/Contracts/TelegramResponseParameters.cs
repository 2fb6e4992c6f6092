using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>Bot API <c>ResponseParameters</c>: seconds to wait after a flood error.</summary>
public sealed record TelegramResponseParameters([property: JsonPropertyName("retry_after")] int? RetryAfter);
