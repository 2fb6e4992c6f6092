using Microsoft.AspNetCore.OpenApi;

namespace Monitor.Api.OpenApi;

/// <summary>The served OpenAPI document (<c>/openapi/v1.json</c>): the API only, with its security, operation ids, 4xx answers and units.</summary>
public static class OpenApiSetup
{
    /// <summary>Adds the document and its transformers.</summary>
    public static IServiceCollection AddMonitorOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // The Orleans dashboard's own endpoints are a UI's, not part of the API.
            options.ShouldInclude = description => !(description.RelativePath ?? string.Empty).StartsWith("orleans", StringComparison.OrdinalIgnoreCase);
            options.AddDocumentTransformer<MonitorDocumentTransformer>();
            options.AddOperationTransformer<MonitorOperationTransformer>();
            options.AddSchemaTransformer<MonitorSchemaTransformer>();
        });
}
