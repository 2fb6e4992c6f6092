namespace Monitor.Evaluation.Nab;

/// <summary>
/// One candidate setting under leave-one-category-out validation: its all-in score (threshold chosen on every file), and
/// per category the score when the threshold is chosen on the other categories; <see cref="MeanLeftOut"/> averages the
/// categories that have windows.
/// </summary>
internal sealed record CandidateValidation(string Candidate, double AllIn, IReadOnlyDictionary<string, double?> LeftOut)
{
    /// <summary>The mean left-out score over the categories that have windows, or null when none has.</summary>
    public double? MeanLeftOut
    {
        get
        {
            var scored = LeftOut.Values.Where(score => score is not null).Select(score => score!.Value).ToList();
            return scored.Count == 0 ? null : scored.Average();
        }
    }
}
