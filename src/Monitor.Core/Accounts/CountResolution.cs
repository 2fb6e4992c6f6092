using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Monitor.Core.Accounts;

/// <summary>
/// The resolution of a reported count: exact, rounded to <see cref="Value"/> significant figures, or rounded to a multiple
/// of <see cref="Value"/>. A count c stands for any true count within <see cref="HalfStep"/>(c) of it. Text form:
/// <c>exact</c>, <c>3sf</c> (1 to 15 significant figures) or <c>step:1000</c>.
/// </summary>
public readonly record struct CountResolution
{
    /// <summary>The most significant figures a resolution can name (a count is at most 13 digits).</summary>
    public const int MaxSignificantFigures = 15;

    private CountResolution(ResolutionKind kind, long value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>An exact count.</summary>
    public static CountResolution Exact => default;

    /// <summary>What kind of rounding.</summary>
    public ResolutionKind Kind { get; }

    /// <summary>The significant figures or the step; 0 for exact.</summary>
    public long Value { get; }

    /// <summary>True unless exact.</summary>
    public bool IsRounded => Kind != ResolutionKind.Exact;

    /// <summary>A count rounded to <paramref name="figures"/> significant figures.</summary>
    public static CountResolution SignificantFigures(int figures) =>
        figures is >= 1 and <= MaxSignificantFigures
            ? new(ResolutionKind.SignificantFigures, figures)
            : throw new ArgumentOutOfRangeException(nameof(figures), figures, $"Significant figures must be between 1 and {MaxSignificantFigures}.");

    /// <summary>A count rounded to a multiple of <paramref name="step"/>.</summary>
    public static CountResolution Step(long step) =>
        step is >= 1 and <= Observation.MaxCount
            ? new(ResolutionKind.Step, step)
            : throw new ArgumentOutOfRangeException(nameof(step), step, $"A step must be between 1 and {Observation.MaxCount:N0}.");

    /// <summary>Half the rounding step at <paramref name="count"/>: the true count lies within this of the reported one.</summary>
    public double HalfStep(long count) => Kind switch
    {
        ResolutionKind.SignificantFigures => count <= 0 ? 0 : StepAt(Math.Abs(count)) / 2.0,
        ResolutionKind.Step => Value / 2.0,
        _ => 0,
    };

    /// <summary>Parses the text form (<c>exact</c>, <c>3sf</c>, <c>step:1000</c>), case-insensitive.</summary>
    public static bool TryParse(string? text, out CountResolution resolution, [NotNullWhen(false)] out string? error)
    {
        resolution = Exact;
        error = null;
        var value = text?.Trim() ?? string.Empty;
        if (value.Equals("exact", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.EndsWith("sf", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(value.AsSpan(0, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var figures)
            && figures is >= 1 and <= MaxSignificantFigures)
        {
            resolution = SignificantFigures(figures);
            return true;
        }

        if (value.StartsWith("step:", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            && step is >= 1 and <= Observation.MaxCount)
        {
            resolution = Step(step);
            return true;
        }

        error = $"resolution '{Truncate(value)}' is not 'exact', '<1-{MaxSignificantFigures}>sf' or 'step:<1-{Observation.MaxCount}>'";
        return false;
    }

    /// <summary>Parses the text form; throws a <see cref="FormatException"/> naming the value otherwise.</summary>
    public static CountResolution Parse(string text) => TryParse(text, out var resolution, out var error) ? resolution : throw new FormatException(error);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ResolutionKind.SignificantFigures => string.Create(CultureInfo.InvariantCulture, $"{Value}sf"),
        ResolutionKind.Step => string.Create(CultureInfo.InvariantCulture, $"step:{Value}"),
        _ => "exact",
    };

    private long StepAt(long count)
    {
        var digits = CountDigits(count);
        var step = 1L;
        for (var i = Value; i < digits; i++)
        {
            step *= 10;
        }

        return step;
    }

    /// <summary>How many decimal digits <paramref name="count"/> has (1 for 0).</summary>
    internal static int CountDigits(long count)
    {
        var digits = 1;
        for (var rest = Math.Abs(count); rest >= 10; rest /= 10)
        {
            digits++;
        }

        return digits;
    }

    private static string Truncate(string value) => value.Length <= 32 ? value : value[..32] + "...";
}
