using System.Text;
using System.Text.Json;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary>
/// Every operation of the served OpenAPI document, probed as a scanner would: odd path values, out-of-range and garbled
/// query values, and bodies that are not what the operation takes (malformed, wrong shape, not UTF-8, nested too deep).
/// Each answer is a 2xx or a 4xx with a problem+json body that says what was wrong; never a 5xx.
/// </summary>
public sealed class OperationProbeTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete"];

    // Encoded NUL is refused by Kestrel before the application (HostileInputTests pins that), so it is not probed here.
    private static readonly string[] PathValues = ["x", "-1", "99999999999999999999", "x:@", "x:@a%20b", "%C3%28", "..%2F..%2Fetc", new('a', 1500)];

    private static readonly string[] QueryValues = ["", "-1", "0", "99999999999999999999", "abc", "2020-13-45", "9999-12-31T23:59:59Z", "NaN", "1e309", "%FF"];

    private static readonly byte[][] Bodies =
    [
        [],
        "{"u8.ToArray(),
        "null"u8.ToArray(),
        "\"text\""u8.ToArray(),
        "[1,2]"u8.ToArray(),
        [0xFF, 0xFE, 0x00, 0x7B],
        "{\"name\":[],\"account\":{},\"followers\":-1,\"url\":7,\"matchers\":\"x\",\"timestamp\":\"9999-01-01\"}"u8.ToArray(),
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)),
    ];

    private static readonly byte[]?[] NoBody = [null];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operation_answers_bad_paths_queries_and_bodies_with_a_problem_never_a_5xx()
    {
        using var document = JsonDocument.Parse(await fixture.Silo.Http.GetStringAsync("openapi/v1.json", Cancellation));
        var operations = Operations(document).ToList();
        var failures = new List<string>();
        var probed = 0;
        foreach (var (path, method, queryNames, takesBody) in operations)
        {
            foreach (var target in Targets(path, queryNames))
            {
                foreach (var body in takesBody ? Bodies : NoBody)
                {
                    probed++;
                    var failure = await ProbeAsync(new HttpMethod(method.ToUpperInvariant()), target, body);
                    if (failure is not null)
                    {
                        failures.Add($"{method.ToUpperInvariant()} {target} ({body?.Length ?? 0} B body): {failure}");
                    }
                }
            }
        }

        Assert.True(operations.Count >= 50, $"The document lists only {operations.Count} operations to probe.");
        Assert.True(probed > 1000, $"Only {probed} probes ran.");
        Assert.Empty(failures);
    }

    // The live stream never ends and the PDFs need Chromium (503 without it, as documented); key creation would turn
    // access control on for the probes after it, so it goes last.
    private static IEnumerable<(string Path, string Method, string[] Query, bool TakesBody)> Operations(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(path => !path.Name.EndsWith("/stream", StringComparison.Ordinal) && !path.Name.EndsWith("/pdf", StringComparison.Ordinal))
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => Methods.Contains(operation.Name))
                .Select(operation => (
                    Path: path.Name,
                    Method: operation.Name,
                    Query: QueryNames(operation.Value),
                    TakesBody: operation.Name is "post" or "put")))
            .OrderBy(operation => operation.Path == "/api/keys" && operation.Method == "post");

    private static string[] QueryNames(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? [.. parameters.EnumerateArray().Where(parameter => parameter.GetProperty("in").GetString() == "query").Select(parameter => parameter.GetProperty("name").GetString()!)]
            : [];

    private static IEnumerable<string> Targets(string path, string[] queryNames)
    {
        var templated = path.Contains('{', StringComparison.Ordinal);
        foreach (var value in templated ? PathValues : [""])
        {
            var target = templated ? System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", value) : path;
            yield return target.TrimStart('/');
            foreach (var name in queryNames)
            {
                foreach (var query in QueryValues)
                {
                    yield return $"{target.TrimStart('/')}?{name}={query}";
                }
            }
        }
    }

    private async Task<string?> ProbeAsync(HttpMethod method, string target, byte[]? body)
    {
        using var request = new HttpRequestMessage(method, target);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        using var response = await fixture.Silo.Http.SendAsync(request, Cancellation);
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"{status}: {await response.Content.ReadAsStringAsync(Cancellation)}";
        }

        if (status < 400)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no body"}";
        }

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        var hasWords = problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 }
            || problem.RootElement.TryGetProperty("errors", out _);
        return hasWords ? null : $"{status} problem without a detail: {problem.RootElement}";
    }
}
