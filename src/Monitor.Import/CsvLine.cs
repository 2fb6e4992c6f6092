namespace Monitor.Import;

/// <summary>One line from <see cref="CsvLineReader"/>: its text (valid until the next read), or a line that was too long to keep.</summary>
public readonly record struct CsvLine(ReadOnlyMemory<char> Text, bool TooLong)
{
    /// <summary>A line skipped for its length.</summary>
    public static CsvLine Skipped => new(ReadOnlyMemory<char>.Empty, TooLong: true);
}
