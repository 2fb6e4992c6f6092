using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.RegularExpressions;
using Monitor.Api;
using Monitor.Collectors.Outbound;

namespace Monitor.Webhooks;

/// <summary>What a valid receiver definition is; the API answers a broken rule with a 400 naming the field, settings fail start-up.</summary>
public static partial class WebhookReceiverRules
{
    /// <summary>Shortest secret.</summary>
    public const int MinSecretLength = 16;

    /// <summary>Longest secret.</summary>
    public const int MaxSecretLength = 512;

    /// <summary>Longest URL.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Longest grouping duration.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    /// <summary>
    /// False with the field, its value and the broken rule when <paramref name="definition"/> is invalid;
    /// <paramref name="secretRequired"/> is false for an update, which keeps the stored secret when none is given. A URL
    /// whose host is an address <paramref name="outbound"/> refuses is invalid here already; a host name is checked when
    /// the silo connects (it may resolve differently then).
    /// </summary>
    public static bool TryValidate(
        WebhookReceiverDefinition definition, bool secretRequired, OutboundAddressPolicy outbound,
        [NotNullWhen(false)] out string? field, out object? value, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(outbound);
        (field, value, reason) = Check(definition, secretRequired, outbound) ?? (null!, null, null!);
        return field is null;
    }

    private static (string Field, object? Value, string Reason)? Check(WebhookReceiverDefinition definition, bool secretRequired, OutboundAddressPolicy outbound)
    {
        if (definition.Id is { } id && !IdPattern().IsMatch(id))
        {
            return ("id", id, "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        if (string.IsNullOrWhiteSpace(definition.Url))
        {
            return ("url", definition.Url, "is required");
        }

        if (definition.Url.Length > MaxUrlLength
            || !Uri.TryCreate(definition.Url, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(url.Host))
        {
            return ("url", definition.Url, $"must be an absolute http or https URL of at most {MaxUrlLength} characters");
        }

        if (url.UserInfo.Length > 0)
        {
            // Never echoed: the user info is a credential.
            return ("url", "(hidden: it holds credentials)",
                "must not hold credentials (user:password@): they would be stored and shown in clear; receivers authenticate requests by their signature (secret)");
        }

        var literal = url.IsLoopback && !IPAddress.TryParse(url.IdnHost, out _) ? IPAddress.Loopback : IPAddress.TryParse(url.IdnHost, out var parsed) ? parsed : null;
        if (literal is not null && !outbound.IsAllowed(literal))
        {
            return ("url", definition.Url,
                $"points at {literal}, a loopback, private, link-local or other non-public address; allow its range in {OutboundOptions.SectionName}:{nameof(OutboundOptions.AllowedRanges)} for a receiver on your own network");
        }

        if (definition.Secret is null ? secretRequired : definition.Secret.Length is < MinSecretLength or > MaxSecretLength)
        {
            // The value of a secret is never echoed, not even a wrong one.
            return ("secret", definition.Secret is null ? null : "(hidden)", $"must be {MinSecretLength} to {MaxSecretLength} characters");
        }

        if (!AlertVocabulary.IsNullOrOneOf(definition.Format, WebhookFormats.All))
        {
            return ("format", definition.Format, $"must be {AlertVocabulary.Describe(WebhookFormats.All)}");
        }

        if (definition.Groups?.FirstOrDefault(string.IsNullOrWhiteSpace) is { } blankGroup)
        {
            return ("groups", blankGroup, "must name groups (no empty names)");
        }

        if (definition.Kinds?.FirstOrDefault(kind => !AlertVocabulary.Kinds.Contains(kind, StringComparer.Ordinal)) is { } kind)
        {
            return ("kinds", kind, $"must each be {AlertVocabulary.Describe(AlertVocabulary.Kinds)}");
        }

        if (!AlertVocabulary.IsNullOrOneOf(definition.MinSeverity, AlertVocabulary.Severities))
        {
            return ("minSeverity", definition.MinSeverity, $"must be {AlertVocabulary.Describe(AlertVocabulary.Severities)}");
        }

        if (definition.GroupWait is { } wait && (wait < TimeSpan.Zero || wait > MaxDuration))
        {
            return ("groupWait", wait, $"must be between 00:00:00 and {MaxDuration}");
        }

        if (definition.GroupInterval is { } interval && (interval <= TimeSpan.Zero || interval > MaxDuration))
        {
            return ("groupInterval", interval, $"must be more than 00:00:00 and at most {MaxDuration}");
        }

        if (definition.RepeatInterval is { } repeat && (repeat <= TimeSpan.Zero || repeat > MaxDuration))
        {
            return ("repeatInterval", repeat, $"must be more than 00:00:00 and at most {MaxDuration}");
        }

        if (definition.RepeatInterval is { } r && definition.GroupInterval is { } g && r < g)
        {
            return ("repeatInterval", r, "must not be shorter than groupInterval");
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();
}
