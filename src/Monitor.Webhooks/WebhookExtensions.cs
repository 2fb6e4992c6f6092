using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Monitor.Webhooks;

/// <summary>Registers webhook receivers, the outbox, the sender and the background worker.</summary>
public static class WebhookExtensions
{
    /// <summary>Adds the services; options bind from <c>Monitor:Webhooks</c> and are checked at start-up.</summary>
    public static IServiceCollection AddMonitorWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(options => options.MaxAttempts >= 1, $"{WebhookOptions.SectionName}:MaxAttempts must be at least 1.")
            .Validate(options => options.PollPeriod > TimeSpan.Zero, $"{WebhookOptions.SectionName}:PollPeriod must be positive.")
            .Validate(options => options.BackoffBase > TimeSpan.Zero && options.BackoffMax >= options.BackoffBase, $"{WebhookOptions.SectionName}:BackoffBase must be positive and BackoffMax at least BackoffBase.")
            .Validate(options => options.RequestTimeout > TimeSpan.Zero && options.LeaseDuration > options.RequestTimeout, $"{WebhookOptions.SectionName}:LeaseDuration must exceed RequestTimeout.")
            .Validate(options => options.ChangeBatchSize >= 1 && options.MaxConcurrentDeliveries >= 1, $"{WebhookOptions.SectionName}:ChangeBatchSize and MaxConcurrentDeliveries must be at least 1.")
            .Validate(options => options.DeliveredRetention >= TimeSpan.Zero && options.PrunePeriod > TimeSpan.Zero, $"{WebhookOptions.SectionName}:DeliveredRetention must not be negative and PrunePeriod must be positive.")
            .ValidateOnStart();
        services.AddSingleton<WebhookReceiverStore>();
        services.AddSingleton<WebhookReceivers>();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<WebhookPruner>();
        services.TryAddSingleton<IAlertChangeSource, AlertHubChangeSource>();
        services.AddHostedService<WebhookWorker>();
        return services;
    }
}
