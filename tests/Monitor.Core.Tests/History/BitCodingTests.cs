using Monitor.Core.Serialization;
using Xunit;

namespace Monitor.Core.Tests.History;

public sealed class BitCodingTests
{
    [Fact]
    public void Signed_values_of_every_width_round_trip()
    {
        long[] values = [0, 1, -1, 31, -32, 32, -33, 255, -256, 256, 4095, -4096, 4096, 524_287, -524_288, 524_288,
            int.MaxValue, int.MinValue, (long)int.MaxValue + 1, 10_000_000_000, long.MaxValue, long.MinValue];
        var writer = new BitWriter([], 0);
        foreach (var value in values)
        {
            writer.WriteSigned(value);
            writer.WriteBit(true);
        }

        var reader = new BitReader(writer.Buffer, writer.BitLength);
        foreach (var value in values)
        {
            Assert.Equal(value, reader.ReadSigned());
            Assert.True(reader.ReadBit());
        }

        Assert.True(reader.AtEnd);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-32, 8)]
    [InlineData(100, 12)]
    [InlineData(-4096, 17)]
    [InlineData(500_000, 25)]
    [InlineData(-2_000_000_000, 38)]
    [InlineData(10_000_000_000, 70)]
    public void Small_values_cost_few_bits(long value, int bits)
    {
        var writer = new BitWriter([], 0);
        writer.WriteSigned(value);
        Assert.Equal(bits, writer.BitLength);
    }

    [Fact]
    public void Optional_values_cost_one_bit_when_unchanged()
    {
        long? previous = null;
        var writer = new BitWriter([], 0);
        writer.WriteOptional(null, ref previous);
        writer.WriteOptional(7, ref previous);
        var afterChange = writer.BitLength;
        writer.WriteOptional(7, ref previous);
        writer.WriteOptional(null, ref previous);

        Assert.Equal(afterChange + 1, writer.BitLength - 2);
        long? readPrevious = null;
        var reader = new BitReader(writer.Buffer, writer.BitLength);
        Assert.Null(reader.ReadOptional(ref readPrevious));
        Assert.Equal(7, reader.ReadOptional(ref readPrevious));
        Assert.Equal(7, reader.ReadOptional(ref readPrevious));
        Assert.Null(reader.ReadOptional(ref readPrevious));
    }

    [Fact]
    public void Appended_bit_ranges_equal_the_bits_they_copy_at_any_alignment()
    {
        var random = new Random(5);
        var source = new BitWriter([], 0);
        for (var i = 0; i < 200; i++)
        {
            source.WriteSigned(random.Next(-5_000, 5_000));
        }

        for (var prefix = 0; prefix < 9; prefix++)
        {
            for (var from = 0; from < 9; from++)
            {
                var count = source.BitLength - from - 3;
                var copy = new BitWriter([], 0);
                copy.WriteBits(0b1011_0110_1, prefix);
                copy.AppendBits(source.Buffer, from, count);

                var expected = new BitReader(source.Buffer, source.BitLength);
                expected.ReadBits(from);
                var actual = new BitReader(copy.Buffer, copy.BitLength);
                actual.ReadBits(prefix);
                for (var bit = 0; bit < count; bit++)
                {
                    Assert.Equal(expected.ReadBit(), actual.ReadBit());
                }

                Assert.True(actual.AtEnd);
            }
        }
    }

    [Fact]
    public void Reading_past_the_end_throws()
    {
        var writer = new BitWriter([], 0);
        writer.WriteSigned(1000);

        Assert.Throws<FormatException>(() =>
        {
            var reader = new BitReader(writer.Buffer, writer.BitLength - 1);
            reader.ReadSigned();
        });
    }
}
