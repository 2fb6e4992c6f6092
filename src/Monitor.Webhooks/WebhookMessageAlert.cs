using Monitor.Abstractions.Alerts;

namespace Monitor.Webhooks;

/// <summary>
/// One alert in a message: its latest state, the sequence and name of its latest change, and every change it went
/// through since the group's previous message, oldest first.
/// </summary>
public sealed record WebhookMessageAlert(long Sequence, string Change, IReadOnlyList<string> Changes, AlertView Alert);
