namespace Monitor.Collectors.Outbound;

/// <summary>A connection the <see cref="OutboundAddressPolicy"/> refused: every address of the host is not public.</summary>
public sealed class OutboundAddressRefusedException(string host)
    : IOException($"'{host}' resolves only to addresses outside the public internet (loopback, private, link-local, ...); allow its range in {OutboundOptions.SectionName}:{nameof(OutboundOptions.AllowedRanges)}.")
{
    /// <summary>What a failed request reports instead of the connection error's own text (which names addresses and ports).</summary>
    public const string Reason = "refused by the outbound address policy (not a public address; see Monitor:Outbound:AllowedRanges)";

    /// <summary>The host that was refused.</summary>
    public string Host { get; } = host;

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions is a refusal by the policy.</summary>
    public static bool IsCauseOf(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OutboundAddressRefusedException)
            {
                return true;
            }
        }

        return false;
    }
}
