using Monitor.Core.Detection;
using Xunit;

namespace Monitor.Core.Tests.Detection;

public sealed class VectorCountTests
{
    // Small integers repeat often (ties), and lengths around multiples of four reach both the vector loop and the tail.
    private static double[] RandomValues(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => random.Next(3) == 0 ? random.Next(-3, 4) : (random.NextDouble() * 2000) - 1000)];

    [Fact]
    public void Below_is_the_lower_bound_of_sorted_values()
    {
        var random = new Random(5);
        for (var length = 0; length <= 50; length++)
        {
            var values = RandomValues(random, length);
            Array.Sort(values);
            foreach (var probe in values.Concat([-2000, 0, 2000, double.Epsilon, -0.5]))
            {
                var lowerBound = 0;
                while (lowerBound < values.Length && values[lowerBound] < probe)
                {
                    lowerBound++;
                }

                Assert.Equal(lowerBound, VectorCount.Below(values, probe));
            }
        }
    }

    [Fact]
    public void Equal_counts_the_equal_values()
    {
        var random = new Random(6);
        for (var length = 0; length <= 50; length++)
        {
            var values = RandomValues(random, length);
            foreach (var probe in values.Concat([7.5, 0]))
            {
                Assert.Equal(values.Count(value => value == probe), VectorCount.Equal(values, probe));
            }
        }
    }

    [Fact]
    public void SortInto_gives_the_order_a_sort_gives()
    {
        var random = new Random(7);
        for (var length = 0; length <= 64; length++)
        {
            var values = RandomValues(random, length);
            var expected = values.ToArray();
            Array.Sort(expected);
            var sorted = new double[length];
            VectorCount.SortInto(values, sorted);
            Assert.Equal(expected, sorted);
        }
    }
}
