namespace Monitor.Reports.Web;

/// <summary>Registers reports: the loader, the PDF printer, schedules and their scheduler.</summary>
public static class ReportExtensions
{
    /// <summary>Adds the services; options bind from <c>Monitor:Reports</c> and are checked at start-up.</summary>
    public static IServiceCollection AddMonitorReports(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ReportOptions>()
            .Bind(configuration.GetSection(ReportOptions.SectionName))
            .Validate(options => options.PdfTimeout > TimeSpan.Zero && options.SchedulePollPeriod > TimeSpan.Zero, $"{ReportOptions.SectionName}:PdfTimeout and SchedulePollPeriod must be positive.")
            .Validate(options => options.MaxConcurrentPrints >= 1, $"{ReportOptions.SectionName}:MaxConcurrentPrints must be at least 1.")
            .Validate(options => options.MaxAttachmentBytes >= 0, $"{ReportOptions.SectionName}:MaxAttachmentBytes must not be negative.")
            .Validate(options => options.PublicBaseUrl is null || (options.PublicBaseUrl.IsAbsoluteUri && options.PublicBaseUrl.Scheme is "http" or "https"), $"{ReportOptions.SectionName}:PublicBaseUrl must be an absolute http or https address.")
            .ValidateOnStart();
        services.AddSingleton<ReportDataLoader>();
        services.AddSingleton<ChromiumPdfPrinter>();
        services.AddSingleton<ReportLinks>();
        services.AddSingleton<ReportScheduleStore>();
        services.AddSingleton<ReportPeriodLedger>();
        services.AddSingleton<ReportSchedules>();
        services.AddSingleton<ReportDelivery>();
        services.AddHostedService<ReportScheduler>();
        return services;
    }
}
