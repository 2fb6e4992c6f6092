namespace Monitor.Api;

/// <summary>Settings of the live alert stream (configuration section <c>Monitor:AlertStream</c>).</summary>
public sealed class AlertStreamOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Monitor:AlertStream";

    /// <summary>How often an idle stream sends a comment line, so proxies and clients see the connection is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
