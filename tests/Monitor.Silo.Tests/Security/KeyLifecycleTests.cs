using System.Net;
using System.Text.Json;
using Monitor.Abstractions.Access;
using Monitor.AccessControl;
using Monitor.Client;
using Monitor.Hosting.Cli;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Security;

/// <summary>Creating, listing and revoking keys over the API; the audit log; per-key rate limits; the --expires syntax.</summary>
public sealed class KeyLifecycleTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_revoked_key_stops_working_at_once_and_the_audit_log_names_who_did_what()
    {
        using var directory = new TemporaryDirectory();
        await using var silo = await RunningSilo.StartAsync(new SiloHostOptions().UseSqlite(directory.File("silo.db")));
        var admin = await CreateAsync(silo, null, """{"role":"admin","name":"ops"}""");
        var reader = await CreateAsync(silo, admin.Key, """{"role":"reader","name":"dashboard","expiresAt":"2099-01-01T00:00:00Z"}""");

        // The silo runs on the system clock; a second of slack covers times stored to the second.
        var beforeUse = DateTimeOffset.UtcNow.AddSeconds(-1);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(silo, HttpMethod.Get, "api/alerts", reader.Key)).StatusCode);
        var revokeSent = DateTimeOffset.UtcNow.AddSeconds(-1);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(silo, HttpMethod.Delete, $"api/keys/{reader.Details.Id}", admin.Key)).StatusCode);
        var revokedBy = DateTimeOffset.UtcNow.AddSeconds(1);
        using var afterRevoke = await SendAsync(silo, HttpMethod.Get, "api/alerts", reader.Key);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Contains("revoked", await afterRevoke.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);

        var listedBy = DateTimeOffset.UtcNow.AddSeconds(1);
        using var list = await SendAsync(silo, HttpMethod.Get, "api/keys", admin.Key);
        var listed = await RunningSilo.ReadAsync<List<ApiKeyView>>(list);
        var listedReader = Assert.Single(listed, key => key.Id == reader.Details.Id);
        Assert.InRange(listedReader.LastUsed ?? DateTimeOffset.MinValue, beforeUse, listedBy);
        Assert.InRange(listedReader.Revoked ?? DateTimeOffset.MinValue, revokeSent, revokedBy);
        Assert.Equal(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), listedReader.Expires);
        Assert.DoesNotContain(reader.Key.Split('_', 3)[2], JsonSerializer.Serialize(listed), StringComparison.Ordinal);

        using var auditResponse = await SendAsync(silo, HttpMethod.Get, "api/audit", admin.Key);
        var audit = await RunningSilo.ReadAsync<AuditPage>(auditResponse);
        Assert.Collection(
            audit.Items,
            revoke =>
            {
                Assert.Equal($"DELETE /api/keys/{reader.Details.Id}", revoke.Action);
                Assert.Equal(admin.Details.Id, revoke.ActorId);
                Assert.Equal("ops", revoke.ActorName);
                Assert.Equal(204, revoke.Status);
            },
            createReader =>
            {
                Assert.Equal("POST /api/keys", createReader.Action);
                Assert.Equal(admin.Details.Id, createReader.ActorId);
                Assert.Contains(reader.Details.Id, createReader.Target, StringComparison.Ordinal);
            },
            createAdmin => Assert.Equal("open", createAdmin.ActorId));
    }

    [Theory]
    [InlineData("""{"role":"root"}""", "role")]
    [InlineData("""{"name":"no role"}""", "role")]
    [InlineData("""{"role":"reader","expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task A_bad_key_request_is_a_400_naming_the_field(string body, string field)
    {
        await using var silo = await RunningSilo.StartAsync(new SiloHostOptions { Configuration = { [SiloHostOptions.StorageProviderKey] = "memory" } });

        using var response = await silo.Http.PostAsync("api/keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_key_over_its_rate_limit_gets_429_with_retry_after_while_other_keys_are_unaffected()
    {
        var options = new SiloHostOptions { Configuration = { [SiloHostOptions.StorageProviderKey] = "memory" } };
        options.Configuration["Monitor:Security:RateLimitBurst"] = "3";
        options.Configuration["Monitor:Security:RateLimitPermits"] = "1";
        options.Configuration["Monitor:Security:RateLimitPeriod"] = "01:00:00";
        await using var silo = await RunningSilo.StartAsync(options);
        var admin = await CreateAsync(silo, null, """{"role":"admin"}""");
        var reader = await CreateAsync(silo, admin.Key, """{"role":"reader"}""");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 4; i++)
        {
            var response = await SendAsync(silo, HttpMethod.Get, "api/groups", reader.Key);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(limited!.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After was '{limited.Headers.RetryAfter}'.");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        using var otherKey = await SendAsync(silo, HttpMethod.Get, "api/keys", admin.Key);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    [Fact]
    public void Expiry_accepts_durations_and_future_dates_only()
    {
        var now = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(now.AddDays(30), KeyExpiry.Parse("30d", now));
        Assert.Equal(now.AddHours(12), KeyExpiry.Parse("12h", now));
        Assert.Equal(now.AddMinutes(45), KeyExpiry.Parse("45m", now));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), KeyExpiry.Parse("2027-01-01", now));
        Assert.Throws<ArgumentException>(() => KeyExpiry.Parse("2020-01-01", now));
        Assert.Throws<ArgumentException>(() => KeyExpiry.Parse("soon", now));
        Assert.Throws<ArgumentException>(() => KeyExpiry.Parse("0d", now));
    }

    [Fact]
    public void Key_text_parses_back_to_its_id_and_only_matches_its_own_hash()
    {
        var (id, key) = ApiKeySecret.Generate();
        var (_, other) = ApiKeySecret.Generate();

        Assert.True(ApiKeySecret.TryParse(key, out var parsedId, out var secret));
        Assert.Equal(id, parsedId);
        Assert.Equal(43, secret.Length);
        Assert.True(ApiKeySecret.Matches(key, ApiKeySecret.Hash(key)));
        Assert.False(ApiKeySecret.Matches(other, ApiKeySecret.Hash(key)));
        Assert.False(ApiKeySecret.TryParse("Bearer " + key, out _, out _));
        Assert.False(ApiKeySecret.TryParse("mon_XYZ", out _, out _));
    }

    internal static async Task<CreatedApiKey> CreateAsync(RunningSilo silo, string? adminKey, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/keys") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (adminKey is not null)
        {
            request.Headers.Authorization = new("Bearer", adminKey);
        }

        using var response = await silo.Http.SendAsync(request, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await RunningSilo.ReadAsync<CreatedApiKey>(response);
    }

    internal static Task<HttpResponseMessage> SendAsync(RunningSilo silo, HttpMethod method, string path, string key)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", key);
        return silo.Http.SendAsync(request, Cancellation);
    }
}
