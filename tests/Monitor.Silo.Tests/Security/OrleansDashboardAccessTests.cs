using System.Net;
using Monitor.Abstractions.Access;
using Monitor.AccessControl;
using Xunit;

namespace Monitor.Silo.Tests.Security;

/// <summary>
/// Orleans' dashboard under /orleans: admins only, by header or by the session cookie the Monitor page sets on sign-in
/// (a browser page cannot send a header); the cookie opens nothing else.
/// </summary>
public sealed class OrleansDashboardAccessTests(SecuredSiloFixture fixture) : IClassFixture<SecuredSiloFixture>
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(ApiKeyRoles.Reader, HttpStatusCode.Forbidden)]
    [InlineData(ApiKeyRoles.Writer, HttpStatusCode.Forbidden)]
    [InlineData(ApiKeyRoles.Admin, HttpStatusCode.OK)]
    public async Task The_dashboard_page_and_its_data_answer_admins_only(string? role, HttpStatusCode expected)
    {
        foreach (var path in new[] { "orleans/", "orleans/ClusterStats" })
        {
            using var response = await fixture.SendAsync(HttpMethod.Get, path, role);

            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_page_is_orleans_dashboard_html()
    {
        using var response = await fixture.SendAsync(HttpMethod.Get, "orleans/", ApiKeyRoles.Admin);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Orleans", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApiKeyRoles.Admin, "orleans/", HttpStatusCode.OK)]
    [InlineData(ApiKeyRoles.Reader, "orleans/", HttpStatusCode.Forbidden)]
    [InlineData(ApiKeyRoles.Admin, "api/keys", HttpStatusCode.Unauthorized)]
    [InlineData(ApiKeyRoles.Admin, "api/auth/whoami", HttpStatusCode.Unauthorized)]
    public async Task The_key_cookie_counts_on_the_dashboard_path_only(string role, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{ApiKeyAuthenticationHandler.OrleansDashboardKeyCookie}={Uri.EscapeDataString(fixture.Keys[role])}");
        using var response = await fixture.Silo.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }
}
