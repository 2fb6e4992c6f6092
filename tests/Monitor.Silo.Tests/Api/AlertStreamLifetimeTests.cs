using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary>A stream holds a feed subscription exactly as long as its client stays connected.</summary>
public sealed class AlertStreamLifetimeTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    [Fact]
    public async Task A_client_disconnect_ends_the_stream_and_its_subscription()
    {
        var feed = Assert.IsType<AlertChangeFeed>(fixture.Silo.Services.GetRequiredService<IAlertChangeFeed>());
        var before = feed.SubscriberCount;

        var stream = await AlertStream.OpenAsync(fixture.Silo.Http);
        await WaitUntilAsync(() => feed.SubscriberCount == before + 1, "the stream to subscribe");
        await stream.DisposeAsync();

        await WaitUntilAsync(() => feed.SubscriberCount == before, "the server to end the stream after the client left");
    }

    /// <summary>Polls an observable condition with a deadline: the server notices a closed connection on its own schedule.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
