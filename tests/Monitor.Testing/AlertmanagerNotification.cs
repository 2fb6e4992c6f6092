using System.Text.Json.Serialization;

namespace Monitor.Testing;

/// <summary>One message of Alertmanager's webhook receiver (payload version 4), as far as tests read it.</summary>
public sealed record AlertmanagerNotification(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("receiver")] string Receiver,
    [property: JsonPropertyName("groupLabels")] IReadOnlyDictionary<string, string> GroupLabels,
    [property: JsonPropertyName("alerts")] IReadOnlyList<AlertmanagerNotifiedAlert> Alerts);
