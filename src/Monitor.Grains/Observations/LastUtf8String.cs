using System.Text;

namespace Monitor.Grains.Observations;

/// <summary>
/// The UTF-8 bytes of the string seen last, re-encoded only when a different string comes: runs of rows that share one
/// string (one account's write, one source) are encoded once. Not thread-safe; the log's writer loop owns it.
/// </summary>
internal sealed class LastUtf8String
{
    private string? _last;
    private byte[] _bytes = [];

    public ReadOnlySpan<byte> Get(string value)
    {
        if (!ReferenceEquals(value, _last) && !string.Equals(value, _last, StringComparison.Ordinal))
        {
            _bytes = Encoding.UTF8.GetBytes(value);
            _last = value;
        }

        return _bytes;
    }
}
