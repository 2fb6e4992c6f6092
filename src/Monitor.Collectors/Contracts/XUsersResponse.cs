using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>X API v2 <c>GET /2/users</c> and <c>/2/users/by</c>: found users in <c>data</c>, missing or suspended ones in <c>errors</c> (a partial 200).</summary>
public sealed record XUsersResponse(
    [property: JsonPropertyName("data")] IReadOnlyList<XUser>? Data,
    [property: JsonPropertyName("errors")] IReadOnlyList<XProblem>? Errors);
