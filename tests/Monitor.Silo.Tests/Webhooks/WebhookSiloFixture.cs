using Xunit;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>A loopback receiver and a <see cref="WebhookSilo"/> pointed at it, shared by a test class.</summary>
public sealed class WebhookSiloFixture : IAsyncLifetime
{
    /// <summary>The receiver.</summary>
    public WebhookReceiverServer Receiver { get; private set; } = null!;

    /// <summary>The silo.</summary>
    public WebhookSilo Silo { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await WebhookReceiverServer.StartAsync();
        Silo = await WebhookSilo.StartAsync(Receiver.Url);
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
