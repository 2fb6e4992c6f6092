namespace Monitor.Evaluation.Nab;

/// <summary>
/// One fold of leave-one-category-out validation: the candidate and threshold chosen on the other categories, and how
/// they score on the category left out. <see cref="LeftOutScore"/> is null for a category with no windows (its normalised
/// score is undefined: null and perfect are both 0); its false-positive rows still say how it did.
/// </summary>
internal sealed record CategoryFold(
    string Category,
    string Chosen,
    double TrainingScore,
    double Threshold,
    double? LeftOutScore,
    double LeftOutRaw,
    int Windows,
    int WindowsFound,
    int FalsePositiveRows);
