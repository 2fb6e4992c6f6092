namespace Monitor.Core.Serialization;

/// <summary>The classes of the prefix code <see cref="BitWriter.WriteSigned"/> uses: payload widths in bits, two's complement.</summary>
internal static class SignedCode
{
    public static ReadOnlySpan<int> Widths => [0, 6, 9, 13, 20, 32, 64];

    public static bool Fits(long value, int width) => width switch
    {
        0 => value == 0,
        64 => true,
        _ => value >= -(1L << (width - 1)) && value < (1L << (width - 1)),
    };
}
