using System.Text.Json;

namespace Monitor.Grains.Alerts.Store;

/// <summary>How the alert store writes alerts, changes and silences into its JSON columns.</summary>
internal static class AlertStoreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException($"The alert store holds a null {typeof(T).Name}.");
}
