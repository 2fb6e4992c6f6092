using System.Net;
using System.Text.Json;
using Monitor.Abstractions.Access;
using Monitor.AccessControl;
using Monitor.Hosting.Cli;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Security;

/// <summary>Requests without a valid key are throttled per client address, so keys cannot be guessed at speed (issue #16, item 9).</summary>
public sealed class FailedAuthenticationThrottleTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invalid_keys_beyond_the_burst_are_429_while_a_valid_key_still_works()
    {
        using var directory = new TemporaryDirectory();
        var options = new SiloHostOptions().UseSqlite(directory.File("silo.db"));
        options.Configuration["Monitor:Security:AnonymousRateLimitBurst"] = "5";
        options.Configuration["Monitor:Security:AnonymousRateLimitPermits"] = "1";
        options.Configuration["Monitor:Security:RateLimitPeriod"] = "01:00:00";
        var (keys, _, database) = KeysCommand.OpenStore(options);
        CreatedApiKey admin;
        await using (database)
        {
            admin = await keys.CreateAsync(ApiKeyRoles.Admin, "ops", null, Cancellation);
        }

        await using var silo = await RunningSilo.StartAsync(options);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 6; attempt++)
        {
            last?.Dispose();
            using var guess = new HttpRequestMessage(HttpMethod.Get, "api/auth/whoami");
            guess.Headers.Authorization = new("Bearer", $"{ApiKeySecret.Prefix}{attempt:x16}_{new string('A', 43)}");
            last = await silo.Http.SendAsync(guess, Cancellation);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(last!.Headers.RetryAfter);
        using (var problem = JsonDocument.Parse(await last.Content.ReadAsStringAsync(Cancellation)))
        {
            Assert.Contains("without a valid API key", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        last.Dispose();
        using var valid = new HttpRequestMessage(HttpMethod.Get, "api/auth/whoami");
        valid.Headers.Authorization = new("Bearer", admin.Key);
        using var answer = await silo.Http.SendAsync(valid, Cancellation);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }
}
