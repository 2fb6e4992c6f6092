using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Silo.Hosting;
using Xunit;

namespace Monitor.Silo.Tests.Hosting;

public sealed class ConfigurationReloadTests
{
    [Fact]
    public async Task Settings_files_are_read_once_with_no_watcher_on_the_content_root()
    {
        var options = new SiloHostOptions { Urls = "http://127.0.0.1:0", QuietLogging = true };
        options.Configuration["Monitor:Storage:Provider"] = "memory";
        await using var app = SiloApp.Build(options);

        var root = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        var files = root.Providers.OfType<JsonConfigurationProvider>().Select(provider => provider.Source).ToList();

        Assert.Contains(files, source => source.Path == "appsettings.json");
        Assert.All(files, source => Assert.False(source.ReloadOnChange, $"{source.Path} is watched for changes."));
    }
}
