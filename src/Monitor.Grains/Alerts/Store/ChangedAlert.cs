namespace Monitor.Grains.Alerts.Store;

/// <summary>An alert a change of the log wrote, with the labels inhibition asks about (kind and platform in lower case).</summary>
public sealed record ChangedAlert(string Id, string? Kind, string? Platform, string? Account);
