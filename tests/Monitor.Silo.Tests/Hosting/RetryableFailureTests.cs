using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Xunit;

namespace Monitor.Silo.Tests.Hosting;

/// <summary>
/// What the cluster could not do now is a 503 problem with Retry-After, never a 500: a stale account activation stepping
/// down, a grain call timing out behind a long turn, a silo going away. Bad input stays a 400 without Retry-After.
/// </summary>
public sealed class RetryableFailureTests
{
    public static TheoryData<string> Retryable => ["inconsistent", "timeout", "unavailable"];

    [Theory]
    [MemberData(nameof(Retryable))]
    public async Task A_failure_the_client_may_retry_is_a_503_problem_with_retry_after(string failure)
    {
        Exception exception = failure switch
        {
            "inconsistent" => new InconsistentStateException("a newer activation wrote the checkpoint", "etag-1", "etag-2"),
            "timeout" => new TimeoutException("Response did not arrive on time in 00:00:30"),
            _ => new SiloUnavailableException("the silo is stopping"),
        };

        var (context, body) = await HandleAsync(exception);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal(503, body.GetProperty("status").GetInt32());
        Assert.Contains(exception.Message[..10], body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_stays_a_400_without_retry_after()
    {
        var (context, body) = await HandleAsync(new ArgumentOutOfRangeException("followers", -1, "must not be negative"));

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
        Assert.Equal("followers", body.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task An_unknown_failure_is_left_to_the_host()
    {
        await using var services = new ServiceCollection().AddOptions().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        var handler = new BadInputExceptionHandler(services.GetRequiredService<IProblemDetailsService>());

        Assert.False(await handler.TryHandleAsync(context, new InvalidOperationException("a bug"), TestContext.Current.CancellationToken));
    }

    private static async Task<(HttpContext Context, JsonElement Body)> HandleAsync(Exception exception)
    {
        await using var services = new ServiceCollection().AddOptions().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new BadInputExceptionHandler(services.GetRequiredService<IProblemDetailsService>());

        Assert.True(await handler.TryHandleAsync(context, exception, TestContext.Current.CancellationToken));

        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        return (context, document.RootElement.Clone());
    }
}
