using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Client;
using Xunit;

namespace Monitor.Silo.Tests.Client;

/// <summary>The 503-with-Retry-After policy the load generator and the cluster tests share, against a real loopback server.</summary>
public sealed class ServiceUnavailableRetryTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_503_with_retry_after_is_sent_again_until_it_succeeds_and_one_without_is_returned_at_once()
    {
        var overloaded = 3;
        await using var app = await StartAsync(context =>
        {
            if (context.Request.Path == "/no-retry-after")
            {
                context.Response.StatusCode = 503;
                return Task.CompletedTask;
            }

            if (Interlocked.Decrement(ref overloaded) >= 0)
            {
                context.Response.Headers.RetryAfter = "0";
                context.Response.StatusCode = 503;
                return Task.CompletedTask;
            }

            context.Response.StatusCode = 200;
            return Task.CompletedTask;
        });
        using var http = new HttpClient { BaseAddress = Address(app) };
        var retry = new ServiceUnavailableRetry(TimeSpan.FromMilliseconds(50));
        var retries = 0;

        using var succeeded = await retry.SendAsync(() => http.GetAsync("ingest", Cancellation), retrying: () => retries++, cancellationToken: Cancellation);
        using var refused = await retry.SendAsync(() => http.GetAsync("no-retry-after", Cancellation), retrying: () => retries += 100, cancellationToken: Cancellation);

        Assert.Equal(HttpStatusCode.OK, succeeded.StatusCode);
        Assert.Equal(3, retries);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Null(retry.WaitBeforeRetry(refused));
    }

    [Fact]
    public async Task Waits_are_capped_and_a_deadline_no_wait_fits_in_returns_the_503()
    {
        await using var app = await StartAsync(context =>
        {
            context.Response.Headers.RetryAfter = "3600";
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        using var http = new HttpClient { BaseAddress = Address(app) };
        var retry = new ServiceUnavailableRetry(TimeSpan.FromMilliseconds(20));
        var retries = 0;

        using var last = await retry.SendAsync(() => http.GetAsync("ingest", Cancellation), TimeSpan.Zero, () => retries++, Cancellation);

        // An hour's Retry-After waits 20 ms; a deadline that no wait fits in returns the 503 without waiting.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, last.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(20), retry.WaitBeforeRetry(last));
        Assert.Equal(0, retries);
    }

    private static async Task<WebApplication> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(Cancellation);
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
}
