using Monitor.Evaluation.Nab;

namespace Monitor.Evaluation.Tests.Builders;

/// <summary>Builds an in-memory NAB file: evenly spaced rows and windows given by row indices.</summary>
internal sealed class NabFileBuilder
{
    private static readonly DateTime _start = new(2015, 2, 26, 0, 0, 0, DateTimeKind.Utc);

    private readonly List<(int First, int Last)> _windows = [];
    private int _rows = 1000;
    private string _category = "realTest";
    private string _name = "series";
    private Func<int, double> _value = row => 10 + (row % 7);

    public static DateTime TimeOf(int row) => _start.AddMinutes(5 * row);

    public NabFileBuilder WithRows(int rows)
    {
        _rows = rows;
        return this;
    }

    public NabFileBuilder Named(string category, string name)
    {
        _category = category;
        _name = name;
        return this;
    }

    public NabFileBuilder WithValues(Func<int, double> value)
    {
        _value = value;
        return this;
    }

    public NabFileBuilder WithWindow(int firstRow, int lastRow)
    {
        _windows.Add((firstRow, lastRow));
        return this;
    }

    public NabDataFile Build() =>
        new(
            _category,
            _name,
            Enumerable.Range(0, _rows).Select(row => new NabRow(TimeOf(row), _value(row))).ToList(),
            _windows.Select(window => new NabWindow(TimeOf(window.First), TimeOf(window.Last))).ToList());
}
