namespace Monitor.Core.Serialization;

/// <summary>The classes of the prefix code <see cref="BitWriter.WriteSigned"/> uses: payload widths in bits, two's complement.</summary>
internal static class SignedCode
{
    /// <summary>How many classes there are; the last one (64 bits) has no terminating zero in its prefix.</summary>
    public const int ClassCount = 7;

    public static int Width(int cls) => cls switch
    {
        0 => 0,
        1 => 6,
        2 => 9,
        3 => 13,
        4 => 20,
        5 => 32,
        _ => 64,
    };

    public static bool Fits(long value, int width) => width switch
    {
        0 => value == 0,
        64 => true,
        _ => value >= -(1L << (width - 1)) && value < (1L << (width - 1)),
    };
}
