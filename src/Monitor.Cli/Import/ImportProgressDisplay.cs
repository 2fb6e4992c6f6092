using System.Diagnostics;
using System.Globalization;

namespace Monitor.Cli.Import;

/// <summary>
/// Shows an import's progress on one terminal line (rewritten in place twice a second): lines and bytes sent of the file,
/// percentage and rate. The silo stores rows as it reads them, so what has been sent is close to what has been stored.
/// </summary>
public sealed class ImportProgressDisplay(CountingReadStream file, long fileBytes, TextWriter terminal) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Task? _loop;

    /// <summary>Starts refreshing the line.</summary>
    public void Start() => _loop = RefreshAsync(_stop.Token);

    /// <summary>Stops refreshing and ends the line.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
            await terminal.WriteLineAsync(Describe());
        }

        _stop.Dispose();
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await terminal.WriteAsync("\r" + Describe());
            }
        }
        catch (OperationCanceledException)
        {
            await terminal.WriteAsync("\r");
        }
    }

    private string Describe()
    {
        var bytes = file.BytesRead;
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var percent = fileBytes > 0 ? 100.0 * bytes / fileBytes : 100.0;
        return string.Create(CultureInfo.InvariantCulture,
            $"import: {file.LinesRead:N0} lines, {bytes / 1048576.0:F1} of {fileBytes / 1048576.0:F1} MiB ({percent:F0} %), {file.LinesRead / seconds:N0} lines/s   ");
    }
}
