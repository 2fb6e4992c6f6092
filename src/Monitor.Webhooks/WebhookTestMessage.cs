using System.Security.Cryptography;
using Monitor.Abstractions.Alerts;

namespace Monitor.Webhooks;

/// <summary>
/// The message an admin sends to check a receiver: the receiver's own format, signed as usual, in the group
/// <see cref="GroupKey"/> with one made-up alert on the account <see cref="Account"/>, so a receiver can tell it from real ones.
/// </summary>
public static class WebhookTestMessage
{
    /// <summary>The group key of test messages.</summary>
    public const string GroupKey = "monitor/test";

    /// <summary>The account of the made-up alert.</summary>
    public const string Account = "test:monitor";

    /// <summary>A new test delivery (not stored) for <paramref name="receiver"/> at <paramref name="now"/>.</summary>
    public static WebhookDelivery Create(WebhookReceiver receiver, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var deliveryId = "whtest_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var alert = new AlertView(
            "test-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture), Account, "surge", "info", "open",
            now, now, 0, null, 0, 0, 0, 0, 0, [], Reason: "test message sent by an admin", UpdatedAt: now);
        var body = WebhookMessageBuilder.Build(receiver, deliveryId, GroupKey, [new WebhookMessageAlert(0, "opened", ["opened"], alert)], repeat: false);
        return new WebhookDelivery(0, deliveryId, receiver.Id, body, 0, 0);
    }
}
