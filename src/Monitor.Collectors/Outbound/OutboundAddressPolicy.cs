using System.Net;
using System.Net.Sockets;

namespace Monitor.Collectors.Outbound;

/// <summary>
/// Which addresses the silo's outbound requests may reach: public unicast addresses, plus the ranges an operator allows.
/// Loopback, unspecified, private (RFC 1918), carrier-grade NAT, link-local (cloud metadata at 169.254.169.254 and
/// fd00:ec2::254 among them), unique-local, multicast, broadcast and reserved addresses are refused, also when written as an
/// IPv4-mapped or NAT64 IPv6 address, so a webhook URL or a Mastodon host cannot aim the silo at its own network.
/// </summary>
public sealed class OutboundAddressPolicy
{
    private static readonly IPNetwork[] Restricted =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    // IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64), checked as that IPv4 address.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly IReadOnlyList<IPNetwork> _allowed;

    /// <summary>A policy that also admits <paramref name="allowedRanges"/>.</summary>
    public OutboundAddressPolicy(IEnumerable<IPNetwork> allowedRanges)
    {
        ArgumentNullException.ThrowIfNull(allowedRanges);
        _allowed = [.. allowedRanges];
    }

    /// <summary>The policy of <paramref name="options"/>; throws <see cref="ArgumentException"/> naming a range that is not CIDR.</summary>
    public static OutboundAddressPolicy From(OutboundOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ranges = new List<IPNetwork>();
        for (var index = 0; index < options.AllowedRanges.Count; index++)
        {
            var text = options.AllowedRanges[index];
            if (!IPNetwork.TryParse(text?.Trim(), out var range))
            {
                throw new ArgumentException(
                    $"{OutboundOptions.SectionName}:{nameof(OutboundOptions.AllowedRanges)}:{index} '{text}' is not a CIDR range such as 10.20.0.0/16 or fd00::/8.",
                    $"{OutboundOptions.SectionName}:{nameof(OutboundOptions.AllowedRanges)}");
            }

            ranges.Add(range);
        }

        return new OutboundAddressPolicy(ranges);
    }

    /// <summary>True when the silo may connect to <paramref name="address"/>.</summary>
    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = Plain(address);
        return !IsRestricted(plain) || _allowed.Any(range => range.Contains(plain) || range.Contains(address));
    }

    /// <summary>True for an address that is not public (before any operator allowance).</summary>
    public static bool IsRestricted(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = Plain(address);
        return Restricted.Any(range => range.Contains(plain));
    }

    // The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address; otherwise the address.
    private static IPAddress Plain(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (Nat64.Contains(address))
        {
            var bytes = address.GetAddressBytes();
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return address;
    }
}
