using Monitor.Import;
using Xunit;

namespace Monitor.Silo.Tests.Cli;

public sealed class CsvLineReaderTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("a\r\nb\r\n", new[] { "a", "b" })]
    [InlineData("a\rb", new[] { "a", "b" })]
    [InlineData("a\n\nb", new[] { "a", "", "b" })]
    [InlineData("a\r\n\r\nb\r", new[] { "a", "", "b" })]
    [InlineData("", new string[0])]
    [InlineData("\n", new[] { "" })]
    public async Task Lines_end_where_TextReader_ReadLine_ends_them(string text, string[] expected)
    {
        Assert.Equal(expected, await ReadAllAsync(text));
        Assert.Equal(ReadLineByLine(text), await ReadAllAsync(text));
    }

    [Fact]
    public async Task A_crlf_split_across_two_reads_is_one_line_break()
    {
        // One character per read puts every \r at the end of the buffer, before its \n has arrived.
        var text = "x:1,2024-01-01T00:00:00Z,5,,\r\nx:2,2024-01-01T00:00:00Z,6,,\r\n\r\nlast";
        var lines = await ReadAllAsync(new OneCharacterReader(text));

        Assert.Equal(ReadLineByLine(text), lines);
    }

    [Fact]
    public async Task Long_input_is_read_in_whole_lines_across_buffer_refills()
    {
        var expected = Enumerable.Range(0, 50_000).Select(i => $"x:{i},2024-01-01T00:00:00Z,{i * 7},,{i}").ToList();

        Assert.Equal(expected, await ReadAllAsync(string.Join("\r\n", expected) + "\r\n"));
    }

    [Fact]
    public async Task A_line_over_the_limit_is_skipped_to_its_end_and_reported_and_the_next_line_is_read()
    {
        var reader = new CsvLineReader(new StringReader("short\n" + new string('a', 100) + "\r\nafter\n" + new string('b', 21) + "\rend"), maxLineLength: 20);
        var lines = new List<(string Text, bool TooLong)>();
        while (await reader.ReadLineAsync(Cancellation) is { } line)
        {
            // The text lives in the reader's buffer only until the next read.
            lines.Add((line.Text.ToString(), line.TooLong));
        }

        Assert.Equal([("short", false), ("", true), ("after", false), ("", true), ("end", false)], lines);
    }

    private static Task<List<string>> ReadAllAsync(string text) => ReadAllAsync(new StringReader(text));

    private static async Task<List<string>> ReadAllAsync(TextReader text)
    {
        var reader = new CsvLineReader(text);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(Cancellation) is { } line)
        {
            Assert.False(line.TooLong);
            lines.Add(line.Text.ToString());
        }

        return lines;
    }

    private static List<string> ReadLineByLine(string text)
    {
        var reader = new StringReader(text);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private sealed class OneCharacterReader(string text) : TextReader
    {
        private int _position;

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            if (_position == text.Length || buffer.IsEmpty)
            {
                return ValueTask.FromResult(0);
            }

            buffer.Span[0] = text[_position++];
            return ValueTask.FromResult(1);
        }
    }
}
