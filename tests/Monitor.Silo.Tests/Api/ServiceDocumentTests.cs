using System.Net;
using System.Text.Json;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary>The OpenAPI document, the health endpoints and the stream's heartbeat.</summary>
public sealed class ServiceDocumentTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_openapi_document_lists_every_area_of_the_api()
    {
        using var document = JsonDocument.Parse(await fixture.Silo.Http.GetStringAsync("openapi/v1.json", Cancellation));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "/api/accounts", "/api/accounts/{key}", "/api/accounts/{key}/summary", "/api/accounts/{key}/history",
                "/api/observations", "/api/alerts", "/api/alerts/{id}", "/api/alerts/{id}/acknowledge", "/api/alerts/{id}/resolve",
                "/api/alerts/stream", "/api/silences", "/api/silences/{id}", "/api/incidents", "/api/groups", "/api/groups/{name}/ranking",
                "/health/live", "/health/ready",
            },
            paths);
        Assert.True(document.RootElement.GetProperty("paths").GetProperty("/api/observations").TryGetProperty("post", out _));
    }

    [Theory]
    [InlineData("health/live")]
    [InlineData("health/ready")]
    public async Task Health_endpoints_report_healthy(string path)
    {
        using var response = await fixture.Silo.Http.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task An_idle_alert_stream_sends_heartbeat_comments()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/alerts/stream");
        using var response = await fixture.Silo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Cancellation));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));

        // The fixture's heartbeat interval is 50 ms, and no alert changes happen in this silo.
        var line = await reader.ReadLineAsync(deadline.Token);

        Assert.Equal(": heartbeat", line);
    }
}
