using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>A Bot API answer to <c>getChatMemberCount</c>: <c>result</c> when ok, else <c>description</c> and <c>parameters.retry_after</c>.</summary>
public sealed record TelegramCountResponse(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("result")] long? Result,
    [property: JsonPropertyName("error_code")] int? ErrorCode,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("parameters")] TelegramResponseParameters? Parameters);
