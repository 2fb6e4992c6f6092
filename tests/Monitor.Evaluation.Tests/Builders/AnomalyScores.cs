namespace Monitor.Evaluation.Tests.Builders;

/// <summary>Builds a detector's anomaly scores for a file: zero everywhere except the rows given.</summary>
internal sealed class AnomalyScores(int rows)
{
    private readonly double[] _scores = new double[rows];

    public AnomalyScores At(int row, double score)
    {
        _scores[row] = score;
        return this;
    }

    public AnomalyScores Over(int firstRow, int lastRow, double score)
    {
        for (var row = firstRow; row <= lastRow; row++)
        {
            _scores[row] = score;
        }

        return this;
    }

    public double[] Build() => (double[])_scores.Clone();
}
