using Monitor.Core.Detection;
using Monitor.Core.Serialization;
using Xunit;

namespace Monitor.Core.Tests.Detection;

public sealed class RollingRobustWindowTests
{
    private static double BruteMedian(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(48, 2)]
    [InlineData(49, 3)]
    [InlineData(288, 4)]
    public void Median_and_mad_match_a_brute_force_computation_as_the_window_slides(int capacity, int seed)
    {
        var random = new Random(seed);
        var window = new RollingRobustWindow(capacity);
        var recent = new Queue<double>();
        for (var i = 0; i < capacity * 4; i++)
        {
            // Repeated values and heavy tails, the cases a sorted-array window gets wrong first.
            var value = random.Next(4) == 0 ? Math.Round(random.NextDouble() * 5) : Math.Pow(random.NextDouble() * 10, 3) - 300;
            window.Add(value);
            recent.Enqueue(value);
            if (recent.Count > capacity)
            {
                recent.Dequeue();
            }

            var median = BruteMedian(recent);
            Assert.Equal(median, window.Median());
            Assert.Equal(BruteMedian(recent.Select(v => Math.Abs(v - median))), window.MedianAbsoluteDeviation(median), 9);
        }
    }

    [Fact]
    public void A_restored_window_slides_like_the_original()
    {
        var window = new RollingRobustWindow(7);
        foreach (var value in new double[] { 5, 1, 9, 3, 3, 8, 2, 7, 6, 4 })
        {
            window.Add(value);
        }

        var writer = new ByteWriter();
        window.Write(writer);
        var restored = new RollingRobustWindow(7);
        var reader = new ByteReader(writer.ToArray());
        restored.Read(ref reader);
        foreach (var value in new double[] { 100, -4, 0.5 })
        {
            window.Add(value);
            restored.Add(value);
            Assert.Equal(window.Median(), restored.Median());
            Assert.Equal(window.MedianAbsoluteDeviation(window.Median()), restored.MedianAbsoluteDeviation(restored.Median()));
        }
    }
}
