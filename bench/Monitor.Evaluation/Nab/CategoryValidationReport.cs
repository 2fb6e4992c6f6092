namespace Monitor.Evaluation.Nab;

/// <summary>Leave-one-category-out validation under one profile: every fold, every candidate, and the candidate the validation prefers.</summary>
internal sealed record CategoryValidationReport(
    string Profile,
    IReadOnlyList<CategoryFold> Folds,
    IReadOnlyList<CandidateValidation> Candidates)
{
    /// <summary>The candidate with the best mean left-out score: the one to make the default.</summary>
    public CandidateValidation Preferred => Candidates.MaxBy(candidate => candidate.MeanLeftOut ?? double.NegativeInfinity)!;
}
