using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Webhooks;
using Xunit;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>/api/webhooks: invalid receivers are 400 problems naming the field; secrets are write-only; settings receivers are read-only.</summary>
public sealed class WebhookApiTests(WebhookSiloFixture fixture) : IClassFixture<WebhookSiloFixture>
{
    private const string Secret = "a-secret-that-must-never-come-back-42";

    private HttpClient Http => fixture.Silo.Silo.Http;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"secret":"0123456789abcdef"}""", "url")]
    [InlineData("""{"url":"/relative/path","secret":"0123456789abcdef"}""", "url")]
    [InlineData("""{"url":"ftp://example.com/hook","secret":"0123456789abcdef"}""", "url")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook"}""", "secret")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","secret":"short"}""", "secret")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef","format":"teams"}""", "format")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef","kinds":["surge","boom"]}""", "kinds")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef","minSeverity":"fatal"}""", "minSeverity")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef","groups":[""]}""", "groups")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef","groupWait":"-00:00:01"}""", "groupWait")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef","groupInterval":"00:00:00"}""", "groupInterval")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef","groupInterval":"00:10:00","repeatInterval":"00:05:00"}""", "repeatInterval")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef","id":"has spaces"}""", "id")]
    public async Task An_invalid_receiver_is_a_400_problem_naming_the_field(string body, string field)
    {
        using var response = await PostAsync("api/webhooks", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"The problem does not name '{field}': {problem.RootElement}");
        Assert.DoesNotContain("0123456789abcdef", problem.RootElement.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef","groupWait":"soon"}""")]
    [InlineData("""{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef","kinds":"surge"}""")]
    [InlineData("""{"url": """)]
    public async Task A_body_that_does_not_bind_is_a_400_problem(string body)
    {
        using var response = await PostAsync("api/webhooks", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_secret_is_write_only_and_kept_when_an_update_leaves_it_out()
    {
        var id = $"api-{Guid.NewGuid():N}"[..20];
        using var created = await PostAsync("api/webhooks", $$"""{"id":"{{id}}","url":"http://127.0.0.1:9/hook","secret":"{{Secret}}","kinds":["surge"],"groupWait":"00:00:10"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await RunningSilo.ReadAsync<WebhookReceiverView>(created);
        Assert.Equal((id, "api", TimeSpan.FromSeconds(10), WebhookFormats.Monitor), (view.Id, view.Source, view.GroupWait, view.Format));

        using var updated = await SendAsync(HttpMethod.Put, $"api/webhooks/{id}", """{"url":"https://example.com/other","minSeverity":"critical"}""");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var texts = new List<string>
        {
            await created.Content.ReadAsStringAsync(Cancellation),
            await updated.Content.ReadAsStringAsync(Cancellation),
            await Http.GetStringAsync("api/webhooks", Cancellation),
            await Http.GetStringAsync($"api/webhooks/{id}", Cancellation),
            await Http.GetStringAsync($"api/webhooks/{id}/deliveries", Cancellation),
            await Http.GetStringAsync("api/audit", Cancellation),
        };
        Assert.All(texts, text => Assert.DoesNotContain(Secret, text, StringComparison.Ordinal));
        Assert.All(texts, text => Assert.DoesNotContain("\"secret\"", text, StringComparison.OrdinalIgnoreCase));
        var current = await fixture.Silo.Silo.GetAsync<WebhookReceiverView>($"api/webhooks/{id}");
        Assert.Equal(("https://example.com/other", "critical"), (current.Url, current.MinSeverity));
        var stored = await fixture.Silo.Silo.Services.GetRequiredService<WebhookReceiverStore>().FindAsync(id, Cancellation);
        Assert.Equal(Secret, stored!.Secret);
    }

    [Fact]
    public async Task Creating_an_existing_id_is_409_and_unknown_ids_are_404()
    {
        var id = $"dup-{Guid.NewGuid():N}"[..20];
        var body = $$"""{"id":"{{id}}","url":"http://127.0.0.1:9/hook","secret":"{{Secret}}"}""";
        using (var first = await PostAsync("api/webhooks", body))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var again = await PostAsync("api/webhooks", body);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        foreach (var (method, path) in new[] { (HttpMethod.Get, "api/webhooks/nope"), (HttpMethod.Delete, "api/webhooks/nope"), (HttpMethod.Get, "api/webhooks/nope/deliveries") })
        {
            using var response = await SendAsync(method, path, null);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var put = await SendAsync(HttpMethod.Put, "api/webhooks/nope", """{"url":"http://127.0.0.1:9/hook"}""");
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        using var deleted = await SendAsync(HttpMethod.Delete, $"api/webhooks/{id}", null);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await SendAsync(HttpMethod.Get, $"api/webhooks/{id}", null);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_receiver_from_settings_is_listed_but_cannot_be_changed_through_the_api()
    {
        var listed = await fixture.Silo.Silo.GetAsync<List<WebhookReceiverView>>("api/webhooks");
        var configured = Assert.Single(listed, receiver => receiver.Id == WebhookSilo.ReceiverId);
        Assert.Equal(("settings", fixture.Receiver.Url.ToString()), (configured.Source, configured.Url));

        using var put = await SendAsync(HttpMethod.Put, $"api/webhooks/{WebhookSilo.ReceiverId}", """{"url":"http://127.0.0.1:9/hook"}""");
        using var delete = await SendAsync(HttpMethod.Delete, $"api/webhooks/{WebhookSilo.ReceiverId}", null);
        using var create = await PostAsync("api/webhooks", $$"""{"id":"{{WebhookSilo.ReceiverId}}","url":"http://127.0.0.1:9/hook","secret":"{{Secret}}"}""");

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict), (put.StatusCode, delete.StatusCode, create.StatusCode));
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_delivery_page_size_out_of_range_is_a_400_problem()
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/webhooks/{WebhookSilo.ReceiverId}/deliveries?limit=0", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body) => SendAsync(HttpMethod.Post, path, body);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request, Cancellation);
    }
}
