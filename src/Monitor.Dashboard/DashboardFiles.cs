using Microsoft.AspNetCore.StaticFiles;

namespace Monitor.Dashboard;

/// <summary>Serves the dashboard (<c>wwwroot</c>, copied next to the executable) at <c>/</c>.</summary>
public static class DashboardFiles
{
    // The page may load only its own scripts, styles and API; uPlot sets element styles, which CSP does not govern.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The folder the files are served from: <c>wwwroot</c> beside the silo's assembly, wherever the process was started.</summary>
    public static string WebRootPath => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>Serves <c>index.html</c> at <c>/</c> and the page's modules, styles and vendored chart library.</summary>
    public static IApplicationBuilder UseDashboardFiles(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new FileExtensionContentTypeProvider { Mappings = { [".mjs"] = "text/javascript" } },
            OnPrepareResponse = context =>
            {
                // Revalidate every time (the ETag makes it cheap), so a new silo version is never mixed with cached modules.
                var headers = context.Context.Response.Headers;
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers["Referrer-Policy"] = "no-referrer";
                }
            },
        });
        return app;
    }
}
