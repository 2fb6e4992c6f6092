using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Collectors.Tests.Fakes;

/// <summary>
/// A real Kestrel server on 127.0.0.1:0 standing in for a platform's API: every request is recorded (with the test clock's
/// time) and answered by <see cref="Handler"/>, which a test swaps to script successes, errors, 429s, hangs and bad bodies.
/// </summary>
public sealed class FakePlatformServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakePlatformServer(WebApplication app, TimeProvider clock)
    {
        _app = app;
        Clock = clock;
    }

    /// <summary>The server's base address (ends with '/').</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The clock requests are stamped with.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Answers each request; the default answers 500.</summary>
    public Func<HttpContext, Task> Handler { get; set; } = context =>
    {
        context.Response.StatusCode = 500;
        return Task.CompletedTask;
    };

    /// <summary>Requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts a server stamping requests with <paramref name="clock"/> (the system clock when null).</summary>
    public static async Task<FakePlatformServer> StartAsync(TimeProvider? clock = null, Func<HttpContext, Task>? handler = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakePlatformServer(app, clock ?? TimeProvider.System);
        if (handler is not null)
        {
            server.Handler = handler;
        }

        app.Run(async context =>
        {
            server._requests.Enqueue(new RecordedRequest(
                context.Request.Path.Value ?? string.Empty,
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers.Authorization.FirstOrDefault(),
                server.Clock.GetUtcNow()));
            await server.Handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>A handler that never answers until the server is disposed or <see cref="ReleaseHangingRequests"/> is called (a slow platform).</summary>
    public Func<HttpContext, Task> Hang(int status = 503) => async context =>
    {
        await Task.WhenAny(_released.Task, Task.Delay(Timeout.Infinite, context.RequestAborted));
        context.Response.StatusCode = status;
    };

    /// <summary>Lets every hanging request answer.</summary>
    public void ReleaseHangingRequests() => _released.TrySetResult();

    /// <summary>Writes a JSON body with a status.</summary>
    public static Task Json(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
