using System.Globalization;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>Reads one figure of a silo's <c>/metrics</c> (Prometheus text): the sum of every sample of a metric family.</summary>
public static class SiloMetrics
{
    /// <summary>Orleans' gauge of the reminders a silo's reminder service holds (its share of the ring).</summary>
    public const string ActiveReminders = "orleans_reminders_active";

    /// <summary>Orleans' counter of reminder ticks a silo delivered to grains.</summary>
    public const string RemindersTicksDelivered = "orleans_reminders_ticks_delivered";

    /// <summary>The sum of the samples named <paramref name="name"/> (with or without labels; a counter's _total suffix included).</summary>
    public static async Task<double> SumAsync(ClusterSiloProcess silo, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var text = await silo.Http.GetStringAsync("metrics", cancellationToken);
        return Sum(text, name);
    }

    /// <summary>The sum of the samples named <paramref name="name"/> in <paramref name="text"/>.</summary>
    public static double Sum(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var end = line.IndexOfAny([' ', '{']);
            if (end <= 0)
            {
                continue;
            }

            var sample = line[..end];
            if (sample == name || sample == name + "_total")
            {
                sum += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }
}
