using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Monitor.Api.OpenApi;

/// <summary>
/// Per schema: numbers typed as numbers (the JSON options also read numbers written as strings, which is leniency, not
/// the contract), the words a field takes as an enum, and each field's meaning and unit from <see cref="FieldDescriptions"/>.
/// </summary>
public sealed class MonitorSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<string, string[]> FieldWords = new(StringComparer.Ordinal)
    {
        ["kind"] = AlertVocabulary.Kinds,
        ["firstKind"] = AlertVocabulary.Kinds,
        ["severity"] = AlertVocabulary.Severities,
        ["resolution"] = ["raw", "hour", "day"],
        ["health"] = AccountHealth.States,
    };

    /// <inheritdoc />
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        NumbersAsNumbers(schema);
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (property is not OpenApiSchema field)
            {
                continue;
            }

            NumbersAsNumbers(field);
            if (field.Items is OpenApiSchema items)
            {
                NumbersAsNumbers(items);
            }

            field.Description ??= FieldDescriptions.For(context.JsonTypeInfo.Type.Name, name);
            if (FieldWords.TryGetValue(name, out var words) && field.Type == JsonSchemaType.String && field.Enum is not { Count: > 0 })
            {
                field.Enum = [.. words.Select(word => (JsonNode)JsonValue.Create(word))];
            }
        }

        return Task.CompletedTask;
    }

    private static void NumbersAsNumbers(OpenApiSchema schema)
    {
        if (schema.Type is not { } type || !type.HasFlag(JsonSchemaType.String) || (!type.HasFlag(JsonSchemaType.Integer) && !type.HasFlag(JsonSchemaType.Number)))
        {
            return;
        }

        schema.Type = type & ~JsonSchemaType.String;
        schema.Pattern = null;
    }
}
