namespace Monitor.Core.Accounts;

/// <summary>How precisely a platform reports a count.</summary>
public enum ResolutionKind : byte
{
    /// <summary>The count is exact.</summary>
    Exact = 0,

    /// <summary>The count is rounded to a number of significant figures (YouTube: 3; "1.2M" on public pages: 2).</summary>
    SignificantFigures = 1,

    /// <summary>The count is rounded to a multiple of a fixed step (e.g. 1,000).</summary>
    Step = 2,
}
