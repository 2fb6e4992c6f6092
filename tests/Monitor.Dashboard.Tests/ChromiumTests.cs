using Monitor.Dashboard.Tests.Infrastructure;
using Xunit;

namespace Monitor.Dashboard.Tests;

/// <summary>Without Chromium the browser tests fail with the command that installs it, rather than skipping.</summary>
public sealed class ChromiumTests
{
    [Fact]
    public void Missing_chromium_fails_with_the_command_that_installs_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-chromium-{Guid.NewGuid():N}", "chromium");

        var error = Assert.Throws<InvalidOperationException>(() => Chromium.Locate(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y chromium", error.Message, StringComparison.Ordinal);
        Assert.Contains(Chromium.PathVariable, error.Message, StringComparison.Ordinal);
    }
}
