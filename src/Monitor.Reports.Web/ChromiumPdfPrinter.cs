using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Monitor.Reports.Web;

/// <summary>Prints a self-contained HTML document to PDF with headless Chromium (one process per print, in a temp folder).</summary>
public sealed class ChromiumPdfPrinter(IOptions<ReportOptions> options, ILogger<ChromiumPdfPrinter> logger) : IDisposable
{
    private readonly SemaphoreSlim _prints = new(Math.Max(1, options.Value.MaxConcurrentPrints));

    /// <summary>The PDF of <paramref name="html"/>; throws <see cref="ChromiumUnavailableException"/> when there is no Chromium.</summary>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var chromium = ChromiumLocator.Find(settings.ChromiumPath) ?? throw new ChromiumUnavailableException(ChromiumLocator.MissingMessage(settings.ChromiumPath));
        await _prints.WaitAsync(cancellationToken).ConfigureAwait(false);
        var folder = Directory.CreateTempSubdirectory("monitor-report-");
        try
        {
            var page = Path.Combine(folder.FullName, "report.html");
            var pdf = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllTextAsync(page, html, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            // The document has no script and loads nothing; the flags keep Chromium from reaching out or writing a profile elsewhere.
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-pdf-header-footer",
                $"--user-data-dir={Path.Combine(folder.FullName, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.PdfTimeout);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Chromium ({chromium}) did not start.");
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                logger.LogWarning("Chromium exited with {Code} printing a report: {Errors}", process.ExitCode, await errors.ConfigureAwait(false));
                throw new InvalidOperationException($"Chromium exited with code {process.ExitCode} and printed no PDF.");
            }

            return await File.ReadAllBytesAsync(pdf, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _prints.Release();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException ex)
            {
                logger.LogDebug(ex, "Could not remove the print folder {Folder}", folder.FullName);
            }
        }
    }

    public void Dispose() => _prints.Dispose();
}
