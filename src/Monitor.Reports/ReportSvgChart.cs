using System.Globalization;
using System.Net;
using System.Text;

namespace Monitor.Reports;

/// <summary>
/// Draws a <see cref="ReportChart"/> as inline SVG (prints crisply, needs no script): a line per account, the episode's span
/// shaded, ISO dates on the time axis, and a legend that marks synthetic histories.
/// </summary>
public static class ReportSvgChart
{
    /// <summary>Tableau 10, as the dashboard's comparison chart uses.</summary>
    public static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    private const int Width = 720;
    private const int PlotHeight = 200;
    private const int Left = 70;
    private const int Right = 12;
    private const int Top = 10;
    private const int AxisHeight = 24;
    private const int LegendLineHeight = 16;
    private const int TimeTicks = 5;

    /// <summary>The chart's SVG element; <paramref name="title"/> is its accessible name.</summary>
    public static string Render(ReportChart chart, string title)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var height = Top + PlotHeight + AxisHeight + (chart.Series.Count * LegendLineHeight) + 6;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{Encode(title)}\">");
        var points = chart.Series.SelectMany(series => series.Points).ToList();
        var low = points.Count == 0 ? 0 : points.Min(point => point.Followers);
        var high = points.Count == 0 ? 1 : points.Max(point => point.Followers);
        if (high == low)
        {
            high = low + 1;
        }

        var span = (chart.To - chart.From).TotalSeconds;
        double X(DateTimeOffset at) => Left + ((at - chart.From).TotalSeconds / span * (Width - Left - Right));
        double Y(long followers) => Top + PlotHeight - ((double)(followers - low) / (high - low) * PlotHeight);

        var bandStart = Math.Max(Left, X(chart.BandStart));
        var bandEnd = Math.Min(Width - Right, X(chart.BandEnd));
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"band\" x=\"{bandStart:0.#}\" y=\"{Top}\" width=\"{Math.Max(1, bandEnd - bandStart):0.#}\" height=\"{PlotHeight}\" fill=\"#fde2c4\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + PlotHeight}\" x2=\"{Width - Right}\" y2=\"{Top + PlotHeight}\" stroke=\"#555\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + PlotHeight}\" stroke=\"#555\"/>");
        foreach (var value in new[] { low, low + ((high - low) / 2), high })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Y(value) + 4:0.#}\" text-anchor=\"end\" font-size=\"10\">{value:N0}</text>");
        }

        for (var tick = 0; tick < TimeTicks; tick++)
        {
            var at = chart.From + ((chart.To - chart.From) * tick / (TimeTicks - 1));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(at):0.#}\" y=\"{Top + PlotHeight + 16}\" text-anchor=\"{(tick == 0 ? "start" : tick == TimeTicks - 1 ? "end" : "middle")}\" font-size=\"10\">{at.UtcDateTime:yyyy-MM-dd}</text>");
        }

        for (var index = 0; index < chart.Series.Count; index++)
        {
            var series = chart.Series[index];
            var colour = Palette[index % Palette.Length];
            var dash = index >= Palette.Length ? " stroke-dasharray=\"4 3\"" : string.Empty;
            if (series.Points.Count > 0)
            {
                var path = string.Join(' ', series.Points.Select(point => string.Create(CultureInfo.InvariantCulture, $"{X(point.At):0.#},{Y(point.Followers):0.#}")));
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\"{dash} points=\"{path}\"/>");
            }

            var legendY = Top + PlotHeight + AxisHeight + (index * LegendLineHeight) + 8;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{legendY}\" x2=\"{Left + 18}\" y2=\"{legendY}\" stroke=\"{colour}\" stroke-width=\"3\"{dash}/>");
            var label = series.Synthetic ? series.Label + " (synthetic)" : series.Label;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 24}\" y=\"{legendY + 4}\" font-size=\"11\">{Encode(label)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
