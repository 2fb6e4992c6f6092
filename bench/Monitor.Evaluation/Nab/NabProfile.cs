namespace Monitor.Evaluation.Nab;

/// <summary>One NAB cost matrix (application profile): the weights of a true positive, a false positive and a false negative.</summary>
internal sealed record NabProfile(string Name, double TruePositiveWeight, double FalsePositiveWeight, double FalseNegativeWeight)
{
    /// <summary>NAB's default profile.</summary>
    public const string Standard = "standard";

    /// <summary>The profile that doubles the false-positive cost.</summary>
    public const string RewardLowFalsePositives = "reward_low_FP_rate";

    /// <summary>The profile that doubles the false-negative cost.</summary>
    public const string RewardLowFalseNegatives = "reward_low_FN_rate";

    /// <summary>The three profiles in the order NAB's scoreboard lists them.</summary>
    public static IReadOnlyList<string> PublishedOrder { get; } = [Standard, RewardLowFalsePositives, RewardLowFalseNegatives];
}
