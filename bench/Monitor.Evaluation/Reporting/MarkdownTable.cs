using System.Text;

namespace Monitor.Evaluation.Reporting;

/// <summary>A Markdown table built row by row; cells are escaped so that a '|' cannot break a row.</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; it must have one cell per header.</summary>
    public MarkdownTable AddRow(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Row has {cells.Length} cells for {headers.Length} headers.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    /// <summary>The table as Markdown, one line per row.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        AppendLine(text, headers);
        AppendLine(text, headers.Select(_ => "---").ToArray());
        foreach (var row in _rows)
        {
            AppendLine(text, row);
        }

        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, string[] cells) =>
        text.Append("| ").AppendJoin(" | ", cells.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
}
