using Microsoft.Playwright;
using Xunit;

namespace Monitor.Dashboard.Tests.Infrastructure;

/// <summary>One browser context and page on the dashboard, with the page's script errors collected and screenshots saved.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    internal DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => Record($"page error: {error}");
        page.Console += (_, message) =>
        {
            // Failed requests are judged from their responses below, where the expected one can be told apart.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Record($"console error: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            // Until access control is deployed, whoami answers 404 and the page runs in open mode.
            var openMode = response.Status == 404 && response.Url.EndsWith("/api/auth/whoami", StringComparison.Ordinal);
            if (response.Status >= 400 && !openMode)
            {
                Record($"HTTP {response.Status} from {response.Request.Method} {response.Url}");
            }
        };
    }

    /// <summary>The folder every test's screenshots go to: <c>TestResults/screenshots</c> under the test output.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>The Playwright page.</summary>
    public IPage Page { get; }

    /// <summary>Script errors and console errors the page raised so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToList();
            }
        }
    }

    /// <summary>Opens a dashboard route, e.g. <c>#/alerts</c>.</summary>
    public async Task GoToAsync(string route) => await Page.GotoAsync("/" + route);

    /// <summary>Saves a full-page screenshot as <c>name.png</c> in <see cref="ScreenshotFolder"/> and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.SendDiagnosticMessage($"screenshot: {path}");
        return path;
    }

    /// <summary>Fails when the page raised a script or console error.</summary>
    public void AssertNoErrors() => Assert.True(Errors.Count == 0, "The page raised errors:\n" + string.Join("\n", Errors));

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
