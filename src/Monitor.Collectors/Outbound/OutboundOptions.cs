namespace Monitor.Collectors.Outbound;

/// <summary>Where the silo's own outbound requests (webhooks, collectors) may connect (<c>Monitor:Outbound</c>).</summary>
public sealed class OutboundOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Monitor:Outbound";

    /// <summary>
    /// CIDR ranges (10.20.0.0/16, fd00::/8, 127.0.0.1/32) the silo may connect to although they are loopback, private,
    /// link-local, unique-local or otherwise not public: a webhook receiver or platform proxy on the operator's network.
    /// </summary>
    public List<string> AllowedRanges { get; set; } = [];
}
