namespace Monitor.Import;

/// <summary>
/// Reads lines out of one reusable buffer instead of a string per line (an import is millions of lines). A line ends at
/// <c>\n</c>, <c>\r\n</c> or <c>\r</c>, as with <see cref="TextReader.ReadLine"/>. A line is valid only until the next read.
/// A line longer than <c>maxLineLength</c> is skipped through to its end and reported as <see cref="CsvLine.TooLong"/>,
/// so a body without line breaks cannot make the buffer grow without bound.
/// </summary>
public sealed class CsvLineReader(TextReader reader, int maxLineLength = CsvLineReader.DefaultMaxLineLength)
{
    /// <summary>The longest line read by default: far beyond any row of either format.</summary>
    public const int DefaultMaxLineLength = 64 * 1024;

    private char[] _buffer = new char[Math.Min(64 * 1024, maxLineLength + 1)];
    private int _start;
    private int _end;
    private bool _endOfInput;

    /// <summary>The next line without its line break, or null at the end of the input.</summary>
    public async ValueTask<CsvLine?> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        var skipping = false;
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var breakAt = pending.IndexOfAny('\r', '\n');

            // A \r as the last buffered character may be the first half of \r\n: read on before deciding.
            if (breakAt >= 0 && !(pending[breakAt] == '\r' && breakAt == pending.Length - 1 && !_endOfInput))
            {
                var line = _buffer.AsMemory(_start, breakAt);
                _start += breakAt + (pending[breakAt] == '\r' && breakAt + 1 < pending.Length && pending[breakAt + 1] == '\n' ? 2 : 1);
                return skipping ? CsvLine.Skipped : new CsvLine(line, TooLong: false);
            }

            if (_endOfInput)
            {
                if (_start == _end)
                {
                    return skipping ? CsvLine.Skipped : null;
                }

                var last = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
                return skipping ? CsvLine.Skipped : new CsvLine(last, TooLong: false);
            }

            if (_end - _start > maxLineLength)
            {
                // Drop what is buffered of the long line (keeping a trailing \r) and look for its end in what follows.
                skipping = true;
                _start = pending[^1] == '\r' ? _end - 1 : _end;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, maxLineLength + 2));
        }

        var read = await reader.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _endOfInput = true;
        }

        _end += read;
    }
}
