using System.Text.Json.Nodes;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Monitor.Api.OpenApi;

/// <summary>
/// Per operation: an operationId (the endpoint's name, else the method and route), the API key requirement where the
/// endpoint needs a key (with its 401 and 403 answers), 404 where a path names a resource, and the words a query accepts.
/// </summary>
public sealed class MonitorOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string[]> QueryWords = new(StringComparer.Ordinal)
    {
        ["kind"] = AlertVocabulary.Kinds,
        ["severity"] = AlertVocabulary.Severities,
        ["status"] = AlertVocabulary.Statuses,
        ["resolution"] = ["raw", "hour", "day"],
        ["format"] = ["json", "csv"],
        ["by"] = GroupEndpoints.RankingOrders,
    };

    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var description = context.Description;
        var route = "/" + (description.RelativePath ?? string.Empty).TrimStart('/');
        operation.OperationId ??= OperationId(description.HttpMethod ?? "get", route);
        operation.Responses ??= new OpenApiResponses();

        var metadata = description.ActionDescriptor.EndpointMetadata;
        var needsKey = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        if (needsKey)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(MonitorDocumentTransformer.ApiKeyScheme, context.Document)] = [] }];
            AddProblem(operation, "401", "No API key, or one that is unknown, expired or revoked.");
            AddProblem(operation, "403", "The key's role does not allow this operation.");
        }
        else
        {
            // An empty requirement: this operation needs no key.
            operation.Security = [new OpenApiSecurityRequirement()];
        }

        if (route.Contains('{', StringComparison.Ordinal))
        {
            AddProblem(operation, "404", "There is no such resource.");
        }

        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { In: ParameterLocation.Query, Name: { } name, Schema: OpenApiSchema schema } && QueryWords.TryGetValue(name, out var words))
            {
                schema.Enum = [.. words.Select(word => (JsonNode)JsonValue.Create(word))];
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>GET /api/accounts/{key}/history becomes getAccountsKeyHistory: unique per method and route, stable across builds.</summary>
    public static string OperationId(string method, string route)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(route);
        var id = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in route.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "api")
            {
                continue;
            }

            var word = segment.Trim('{', '}').Split(':')[0];
            foreach (var part in word.Split('-', '.', '_'))
            {
                if (part.Length > 0)
                {
                    id.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
                }
            }
        }

        return id.ToString();
    }

    private static void AddProblem(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = ProblemSchema() },
            },
        };
    }

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem document.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI naming the kind of problem." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the kind of problem." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status code." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong with this request, for people." },
        },
    };
}
