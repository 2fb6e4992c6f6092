using Monitor.Api;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary>The pooled body buffer keeps every byte, in order, as it grows past its first array.</summary>
public sealed class PooledByteBufferTests
{
    [Fact]
    public void Writes_across_several_growths_read_back_in_order()
    {
        var expected = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        using var buffer = new PooledByteBuffer(16);

        var offset = 0;
        foreach (var chunk in new[] { 1, 15, 3_000, 1, 50_000, 46_983 })
        {
            var memory = buffer.GetMemory(chunk);
            Assert.True(memory.Length >= chunk);
            expected.AsSpan(offset, chunk).CopyTo(memory.Span);
            buffer.Advance(chunk);
            offset += chunk;
        }

        Assert.Equal(expected.Length, buffer.WrittenCount);
        Assert.True(expected.AsSpan().SequenceEqual(buffer.WrittenSpan));
    }

    [Fact]
    public void Advancing_past_the_memory_handed_out_is_refused()
    {
        using var buffer = new PooledByteBuffer(16);
        var free = buffer.GetMemory().Length;

        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(free + 1));
        Assert.Equal(0, buffer.WrittenCount);
    }
}
