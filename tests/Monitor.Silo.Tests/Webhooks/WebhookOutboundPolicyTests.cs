using System.Net;
using System.Text.Json;
using System.Text;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Webhooks;
using Xunit;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>
/// A webhook URL cannot aim the silo at its own network or cloud metadata, hold credentials, or turn the delivery history
/// into a port scanner (issue #16, items 4 and 6). This silo allows no range, as a silo out of the box.
/// </summary>
public sealed class WebhookOutboundPolicyTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("http://127.0.0.1:11111/")]
    [InlineData("http://localhost:5080/api/keys")]
    [InlineData("http://0x7f.1/")]
    [InlineData("http://2130706433/")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://0.0.0.0:9/")]
    public async Task A_receiver_at_a_non_public_address_is_a_400_naming_the_setting_that_allows_it(string url)
    {
        using var response = await PostAsync($$"""{"url":"{{url}}","secret":"0123456789abcdef"}""");

        var problem = await AssertBadUrlAsync(response);
        Assert.Contains("Monitor:Outbound:AllowedRanges", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_url_with_credentials_is_refused_without_echoing_them()
    {
        using var response = await PostAsync("""{"url":"http://user:p%40ss@hooks.example.com/","secret":"0123456789abcdef"}""");

        var problem = await AssertBadUrlAsync(response);
        Assert.DoesNotContain("p%40ss", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_to_a_closed_port_records_no_address_or_port()
    {
        // A silo that allows loopback (as an operator with a local receiver would), sending to a port nobody listens on.
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var silo = await WebhookSilo.StartAsync(new Uri($"http://127.0.0.1:{port}/hook"), new Dictionary<string, string> { ["MaxAttempts"] = "1" });

        await silo.PublishAsync("opened", TestAlerts.Surge(TestAccounts.NewGroup()));
        var delivery = await WaitForDeadAsync(silo);

        Assert.Equal("connection failed (ConnectionError)", delivery.LastError);
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), delivery.LastError, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await fixture.Silo.Http.PostAsync("api/webhooks", content, Cancellation);
    }

    private static async Task<string> AssertBadUrlAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("url", out _), body);
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()), body);
        return body;
    }

    private static async Task<WebhookDeliveryView> WaitForDeadAsync(WebhookSilo silo)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var history = await silo.Silo.GetAsync<List<WebhookDeliveryView>>($"api/webhooks/{WebhookSilo.ReceiverId}/deliveries");
            if (history is [{ State: WebhookDeliveryStates.Dead } dead])
            {
                return dead;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No dead delivery yet: {JsonSerializer.Serialize(history)}");
            await Task.Delay(50, Cancellation);
        }
    }
}
