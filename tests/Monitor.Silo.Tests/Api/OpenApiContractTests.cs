using System.Text.Json;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary>
/// The served OpenAPI document as client generators and linters read it: the API only, an operationId on every operation,
/// the API key scheme on every operation that needs a key, a 4xx on every one that can fail, units and enums on fields.
/// </summary>
public sealed class OpenApiContractTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonDocument> ReadDocumentAsync() =>
        JsonDocument.Parse(await fixture.Silo.Http.GetStringAsync("openapi/v1.json", TestContext.Current.CancellationToken));

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => Methods.Contains(operation.Name))
                .Select(operation => (path.Name, operation.Name, operation.Value)));

    [Fact]
    public async Task Server_urls_have_no_trailing_slash_and_only_the_api_is_described()
    {
        using var document = await ReadDocumentAsync();

        Assert.All(document.RootElement.GetProperty("servers").EnumerateArray(), server => Assert.False(server.GetProperty("url").GetString()!.EndsWith('/'), server.ToString()));
        Assert.DoesNotContain(Operations(document), operation => operation.Path.StartsWith("/orleans", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_a_summary_and_a_documented_4xx_where_it_can_refuse()
    {
        using var document = await ReadDocumentAsync();
        var operations = Operations(document).ToList();

        var ids = operations.Select(operation => operation.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("getAccountsKeyHistory", Operation(document, "/api/accounts/{key}/history", "get").GetProperty("operationId").GetString());
        Assert.All(operations, operation => Assert.True(operation.Operation.TryGetProperty("summary", out _), $"{operation.Method} {operation.Path} has no summary."));
        var withoutFourXx = operations
            .Where(operation => !operation.Operation.GetProperty("responses").EnumerateObject().Any(response => response.Name.StartsWith('4')))
            .Select(operation => $"{operation.Method} {operation.Path}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(["get /health/live", "get /health/ready"], withoutFourXx);
    }

    [Fact]
    public async Task Operations_that_need_a_key_name_the_api_key_scheme_and_public_ones_need_none()
    {
        using var document = await ReadDocumentAsync();

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        var ingest = Operation(document, "/api/observations", "post");
        Assert.Equal("apiKey", Assert.Single(Assert.Single(ingest.GetProperty("security").EnumerateArray()).EnumerateObject()).Name);
        Assert.True(ingest.GetProperty("responses").TryGetProperty("401", out _));
        var live = Operation(document, "/health/live", "get");
        Assert.Empty(Assert.Single(live.GetProperty("security").EnumerateArray()).EnumerateObject());
    }

    [Fact]
    public async Task Numbers_are_typed_as_numbers_and_fields_carry_their_units_and_words()
    {
        using var document = await ReadDocumentAsync();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        var alert = schemas.GetProperty("AlertView").GetProperty("properties");
        Assert.Equal("number", alert.GetProperty("relativeChange").GetProperty("type").GetString());
        Assert.Contains("fraction", alert.GetProperty("relativeChange").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("integer", alert.GetProperty("peakFollowers").GetProperty("type").GetString());
        Assert.Contains("fastest growth", alert.GetProperty("peakFollowers").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(["spike", "surge", "drop", "stall", "unavailable", "outage"], alert.GetProperty("kind").GetProperty("enum").EnumerateArray().Select(word => word.GetString()));
        Assert.Contains("fraction", schemas.GetProperty("RankingEntry").GetProperty("properties").GetProperty("growth1d").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"string\",\"integer\"", document.RootElement.GetRawText().Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("[\"integer\",\"string\"]", document.RootElement.GetRawText().Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var byWords = Operation(document, "/api/groups/{name}/ranking", "get").GetProperty("parameters").EnumerateArray()
            .Single(parameter => parameter.GetProperty("name").GetString() == "by").GetProperty("schema").GetProperty("enum");
        Assert.Contains("growth30d", byWords.EnumerateArray().Select(word => word.GetString()));
    }

    private static JsonElement Operation(JsonDocument document, string path, string method) =>
        document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);
}
