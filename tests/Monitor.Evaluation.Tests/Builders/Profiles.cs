using Monitor.Evaluation.Nab;

namespace Monitor.Evaluation.Tests.Builders;

/// <summary>NAB's three published cost matrices, as config/profiles.json holds them.</summary>
internal static class Profiles
{
    public static NabProfile Standard { get; } = new(NabProfile.Standard, 1.0, 0.11, 1.0);

    public static NabProfile LowFalsePositives { get; } = new(NabProfile.RewardLowFalsePositives, 1.0, 0.22, 1.0);

    public static NabProfile LowFalseNegatives { get; } = new(NabProfile.RewardLowFalseNegatives, 1.0, 0.11, 2.0);
}
