namespace Monitor.Core.Detection;

/// <summary>
/// A rate (followers per day) known only within ± <see cref="HalfWidth"/>, as on a rounded series: the reported change over
/// the span, give or take half a rounding step at each end. An exact count has a half-width of zero.
/// </summary>
internal readonly record struct RateInterval(double Rate, double HalfWidth)
{
    /// <summary>The rate in the interval closest to <paramref name="reference"/>: the least anomalous reading of it.</summary>
    public double Nearest(double reference) => Math.Clamp(reference, Rate - HalfWidth, Rate + HalfWidth);
}
