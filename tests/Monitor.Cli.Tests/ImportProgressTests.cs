using System.Text;
using Monitor.Cli.Import;
using Xunit;

namespace Monitor.Cli.Tests;

/// <summary>The import's terminal progress: the counting stream under the upload and the line it draws.</summary>
public sealed class ImportProgressTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_counting_stream_passes_every_byte_through_and_counts_bytes_and_lines()
    {
        var text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"x:{i},2024-01-01T00:00:00Z,{i},,\n"));
        var bytes = Encoding.UTF8.GetBytes(text);
        await using var counting = new CountingReadStream(new MemoryStream(bytes));
        using var copy = new MemoryStream();

        await counting.CopyToAsync(copy, 4096, Cancellation);

        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(bytes.Length, counting.BytesRead);
        Assert.Equal(5000, counting.LinesRead);
    }

    [Fact]
    public async Task The_progress_line_is_redrawn_while_reading_and_ends_at_the_whole_file()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("x:1,2024-01-01T00:00:00Z,5,,\n", 1000)));
        await using var counting = new CountingReadStream(new MemoryStream(bytes));
        var written = new StringWriter();
        var terminal = TextWriter.Synchronized(written);
        var display = new ImportProgressDisplay(counting, bytes.Length, terminal);
        await counting.ReadExactlyAsync(new byte[bytes.Length / 2], Cancellation);
        display.Start();

        // The line is redrawn on a timer: wait (with a deadline) until it has been drawn once.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Written(terminal, written).Contains('\r', StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
            await Task.Delay(10, Cancellation);
        }

        Assert.Contains("\rimport: 500 lines", Written(terminal, written), StringComparison.Ordinal);
        await counting.CopyToAsync(Stream.Null, Cancellation);
        await display.DisposeAsync();

        var last = Written(terminal, written).Split('\r').Last();
        Assert.StartsWith("import: 1,000 lines", last, StringComparison.Ordinal);
        Assert.Contains("(100 %)", last, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, last, StringComparison.Ordinal);
    }

    // The synchronized writer locks on itself for every write, so reading under the same lock sees whole writes.
    private static string Written(TextWriter terminal, StringWriter written)
    {
        lock (terminal)
        {
            return written.ToString();
        }
    }
}
