using System.Net.Http.Headers;
using System.Net;
using System.Text.Json;
using System.Text;
using Monitor.AccessControl;
using Monitor.Import;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Silo.Tests.Security;

/// <summary>
/// A page on another origin must not change state on an open (loopback, no key) silo through the visitor's browser:
/// the requests a browser sends without a preflight are refused before they reach an endpoint (issue #16, item 2).
/// </summary>
public sealed class CrossSiteRequestTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_no_cors_text_plain_import_from_another_origin_is_refused_and_registers_nothing()
    {
        var handle = $"csrf{Random.Shared.Next(1_000_000, 9_999_999)}";
        using var http = BrowserLike();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/import")
        {
            Content = new StringContent($"{SeedRow.Header}\nx,{handle},Forged,,2024-01-01,100,\n", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", "http://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await http.SendAsync(request, Cancellation);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        using var lookup = await fixture.Silo.Http.GetAsync($"api/accounts/x:@{handle}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_body_in_a_media_type_a_form_can_send_is_415_even_without_browser_headers(string contentType)
    {
        var handle = $"form{Random.Shared.Next(1_000_000, 9_999_999)}";
        using var http = BrowserLike();
        using var content = new StringContent($"{SeedRow.Header}\nx,{handle},Forged,,2024-01-01,100,\n", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await http.PostAsync("api/import", content, Cancellation);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        using var lookup = await fixture.Silo.Http.GetAsync($"api/accounts/x:@{handle}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Theory]
    [InlineData("cross-site", null)]
    [InlineData("same-site", null)]
    [InlineData(null, "http://127.0.0.1:1")]
    [InlineData(null, "null")]
    [InlineData(null, null)]
    public async Task A_bodyless_acknowledge_without_the_client_header_or_from_another_origin_is_403(string? fetchSite, string? origin)
    {
        using var http = BrowserLike();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/alerts/spike-x-1-0/acknowledge");
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
            request.Headers.Add(CrossSiteRequestGuard.ClientHeader, "forged");
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
            request.Headers.Add(CrossSiteRequestGuard.ClientHeader, "forged");
        }

        using var response = await http.SendAsync(request, Cancellation);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_silos_own_page_and_clients_with_the_header_still_get_through()
    {
        using var http = BrowserLike();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/alerts/spike-x-1-0/acknowledge");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Origin", http.BaseAddress!.GetLeftPart(UriPartial.Authority));
        request.Headers.Add(CrossSiteRequestGuard.ClientHeader, "dashboard");

        using var response = await http.SendAsync(request, Cancellation);

        // Past the guard: the endpoint itself answers that there is no such alert.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    // A client that sends only what a browser's no-cors request may: no key, no custom header.
    private HttpClient BrowserLike() => new() { BaseAddress = fixture.Silo.Address };

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()), body);
    }
}
