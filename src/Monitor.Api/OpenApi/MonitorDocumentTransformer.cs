using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Monitor.AccessControl;

namespace Monitor.Api.OpenApi;

/// <summary>Document-wide parts: the description, the licence, the API key scheme, tag descriptions and server URLs without a trailing slash.</summary>
public sealed class MonitorDocumentTransformer : IOpenApiDocumentTransformer
{
    /// <summary>The name of the API key security scheme.</summary>
    public const string ApiKeyScheme = "apiKey";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "Monitored accounts: registration, profiles, summaries and follower history.",
        ["Observations"] = "Follower counts posted by collectors or scripts.",
        ["Import"] = "Bulk CSV import of history.",
        ["Alerts"] = "Alerts raised by the detectors, their live stream and incidents.",
        ["Silences"] = "Silences that mute matching alerts for a while.",
        ["Groups"] = "Groups of accounts and their rankings.",
        ["Access control"] = "API keys, the audit log and who the caller is.",
        ["Webhooks"] = "Receivers of alert notifications and their deliveries.",
        ["Dashboard"] = "Compact views the dashboard draws from.",
        ["Annotations"] = "Analysts' notes on dates and ranges (\"44-day war\"), drawn on the charts; known events imported in bulk.",
        ["Health"] = "Liveness and readiness probes.",
        ["Telemetry"] = "Metrics for Prometheus.",
    };

    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "Monitor API";
        document.Info.Description =
            "Follower counts of monitored social-media accounts, growth rankings and the alerts the detectors raise. " +
            "Units: counts are followers; rates are followers per day; every relative figure is a fraction (0.018 = 1.8%); " +
            "times are ISO 8601 date-times with their offset. Errors are RFC 9457 problem documents (application/problem+json) with a detail.";
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.ApiKeyHeader,
            Description = "An API key (create one with POST /api/keys). 'Authorization: Bearer <key>' is accepted as well.",
        };

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
