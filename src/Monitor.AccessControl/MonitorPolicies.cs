namespace Monitor.AccessControl;

/// <summary>The authorization policies of the API; attach them with <c>.RequireAuthorization(MonitorPolicies.Reader)</c>.</summary>
public static class MonitorPolicies
{
    /// <summary>Reading: summaries, history, alerts, the stream, groups (any key).</summary>
    public const string Reader = "reader";

    /// <summary>Ingest and import (writer and admin keys).</summary>
    public const string Writer = "writer";

    /// <summary>Accounts, silences, alert actions, keys, webhooks, audit (admin keys).</summary>
    public const string Admin = "admin";
}
