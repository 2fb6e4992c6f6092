using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Monitor.Collectors.Outbound;
using Polly;

namespace Monitor.Alertmanager;

/// <summary>Registers the Alertmanager notifier and its HTTP client (outbound address policy, retries with backoff).</summary>
public static class AlertmanagerExtensions
{
    /// <summary>Adds the services; options bind from <c>Monitor:Alertmanager</c> and are checked at start-up.</summary>
    public static IServiceCollection AddMonitorAlertmanager(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = AlertmanagerOptions.SectionName;
        services.AddOptions<AlertmanagerOptions>()
            .Bind(configuration.GetSection(section))
            .Validate(options => options.Urls.All(IsHttpUrl), $"{section}:Urls must be absolute http or https URLs.")
            .Validate(options => options.DashboardUrl is null || IsHttpUrl(options.DashboardUrl), $"{section}:DashboardUrl must be an absolute http or https URL.")
            .Validate(options => options.ResendDelay > TimeSpan.Zero && options.PollPeriod > TimeSpan.Zero && options.RequestTimeout > TimeSpan.Zero,
                $"{section}:ResendDelay, PollPeriod and RequestTimeout must be positive.")
            .Validate(options => options.ResolvedRetention >= TimeSpan.Zero && options.MaxRetries >= 0 && options.RetryDelay > TimeSpan.Zero,
                $"{section}:ResolvedRetention and MaxRetries must not be negative and RetryDelay must be positive.")
            .Validate(options => options.MaxBatchSize >= 1 && options.ChangeBatchSize >= 1, $"{section}:MaxBatchSize and ChangeBatchSize must be at least 1.")
            .ValidateOnStart();

        services.AddHttpClient<AlertmanagerClient>((provider, http) =>
            {
                var settings = provider.GetRequiredService<IOptions<AlertmanagerOptions>>().Value;

                // The resilience handler times each attempt; this bounds the whole push, retries and their waits included.
                http.Timeout = (settings.RequestTimeout + (settings.RetryDelay * 2)) * (settings.MaxRetries + 1) * 2;
            })
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var handler = OutboundConnector.CreateHandler(provider.GetRequiredService<OutboundAddressPolicy>());
                handler.AllowAutoRedirect = false;
                return handler;
            })
            .AddResilienceHandler("alertmanager", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<AlertmanagerOptions>>().Value;
                if (settings.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = settings.MaxRetries,
                        Delay = settings.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                }

                pipeline.AddTimeout(settings.RequestTimeout);
            });
        services.AddSingleton<AlertmanagerNotifier>();
        services.AddHostedService(provider => provider.GetRequiredService<AlertmanagerNotifier>());
        return services;
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
