using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.Webhooks;

/// <summary>
/// The signature of a webhook request: <c>X-Monitor-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>.
/// A receiver recomputes it over the raw body, compares in constant time and refuses old timestamps (replays).
/// </summary>
public static class WebhookSignature
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Monitor-Signature";

    /// <summary>The idempotency id header (the same on every attempt of one delivery).</summary>
    public const string DeliveryHeader = "X-Monitor-Delivery";

    /// <summary>The attempt number header (1 for the first attempt).</summary>
    public const string AttemptHeader = "X-Monitor-Attempt";

    /// <summary>The header value for <paramref name="body"/> signed at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, long timestamp, string body) =>
        string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Hex(secret, timestamp, body)}");

    /// <summary>True when <paramref name="header"/> is a valid signature of <paramref name="body"/> with <paramref name="secret"/>; returns its timestamp.</summary>
    public static bool Verify(string secret, string? header, string body, out long timestamp)
    {
        timestamp = 0;
        string? signature = null;
        foreach (var part in (header ?? "").Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length == 2 && pair[0].Trim() == "t" && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (pair.Length == 2 && pair[0].Trim() == "v1")
            {
                signature = pair[1].Trim();
            }
        }

        return timestamp > 0 && signature is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Hex(secret, timestamp, body)));
    }

    private static string Hex(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}.{body}"))));
}
