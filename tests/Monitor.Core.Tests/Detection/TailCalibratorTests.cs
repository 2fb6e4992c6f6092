using Monitor.Core.Detection;
using Xunit;

namespace Monitor.Core.Tests.Detection;

public sealed class TailCalibratorTests
{
    private const double Threshold = 4;
    private const int Horizon = 5000;

    // Levels below the threshold nine times in ten, and otherwise the threshold plus an excess drawn by excess(u).
    private static TailCalibrator Trained(Func<double, double> excess, int points = 4000)
    {
        var random = new Random(20171231);
        var calibrator = new TailCalibrator(Threshold);
        for (var i = 0; i < points; i++)
        {
            var level = random.NextDouble() < 0.1 ? Threshold + excess(random.NextDouble()) : Threshold * random.NextDouble();
            calibrator.TailProbabilityThenLearn(level, Horizon);
        }

        return calibrator;
    }

    // Within a factor of two a few scales out, of four at six: the fit sees only the latest 128 peaks, so its shape
    // is uncertain by about 0.1, which compounds far into the tail.
    [Theory]
    [InlineData(1.0, 2)]
    [InlineData(3.0, 2)]
    [InlineData(6.0, 4)]
    public void An_exponential_tail_is_recovered(double excess, double factor)
    {
        var calibrator = Trained(u => -Math.Log(1 - u));

        var expected = 0.1 * Math.Exp(-excess);
        var probability = calibrator.TailProbability(Threshold + excess);

        Assert.InRange(probability, expected / factor, expected * factor);
    }

    [Fact]
    public void A_heavy_tail_makes_the_same_level_less_surprising()
    {
        var exponential = Trained(u => -Math.Log(1 - u));
        var pareto = Trained(u => Math.Pow(1 - u, -0.5) - 1); // a generalized Pareto excess with shape 0.5, scale 0.5

        Assert.True(
            pareto.TailProbability(Threshold + 10) > 100 * exponential.TailProbability(Threshold + 10),
            $"pareto {pareto.TailProbability(Threshold + 10):E2}, exponential {exponential.TailProbability(Threshold + 10):E2}");
    }

    [Fact]
    public void A_level_at_or_below_the_threshold_has_probability_one()
    {
        var calibrator = Trained(u => -Math.Log(1 - u));

        Assert.Equal(1, calibrator.TailProbability(Threshold));
        Assert.Equal(1, calibrator.TailProbability(0));
    }

    [Fact]
    public void Before_enough_peaks_the_tail_is_the_gaussian_one()
    {
        var calibrator = new TailCalibrator(Threshold);

        // Q(5) = 2.8665e-7 (the standard normal's upper tail).
        Assert.InRange(calibrator.TailProbability(5), 2.86e-7, 2.875e-7);
    }

    [Fact]
    public void Probability_falls_as_the_level_rises()
    {
        var calibrator = Trained(u => Math.Pow(1 - u, -0.3) - 1);

        var levels = Enumerable.Range(1, 40).Select(step => Threshold + (step * 0.5)).ToList();
        var probabilities = levels.Select(calibrator.TailProbability).ToList();

        Assert.All(probabilities.Zip(probabilities.Skip(1)), pair => Assert.True(pair.Second <= pair.First, $"{pair.First} then {pair.Second}"));
        Assert.True(probabilities[^1] < probabilities[0]);
    }
}
