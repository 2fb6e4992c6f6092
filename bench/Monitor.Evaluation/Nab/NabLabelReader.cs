using System.Text.Json;

namespace Monitor.Evaluation.Nab;

/// <summary>Reads labels/combined_windows.json: for each file key, a list of [start, end] timestamp pairs.</summary>
internal static class NabLabelReader
{
    /// <summary>Reads the windows of every file; <paramref name="source"/> names the file in error messages.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<NabWindow>> Read(string json, string source)
    {
        Dictionary<string, string[][]>? raw;
        try
        {
            raw = JsonSerializer.Deserialize<Dictionary<string, string[][]>>(json);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"{source}: not a map of file to [start, end] windows ({exception.Message}).", exception);
        }

        if (raw is null)
        {
            throw new FormatException($"{source}: the labels document is empty.");
        }

        var windows = new Dictionary<string, IReadOnlyList<NabWindow>>(StringComparer.Ordinal);
        foreach (var (file, pairs) in raw)
        {
            var list = new List<NabWindow>(pairs.Length);
            foreach (var pair in pairs)
            {
                if (pair.Length != 2)
                {
                    throw new FormatException($"{source}: window of '{file}' has {pair.Length} timestamps instead of 2.");
                }

                var window = new NabWindow(
                    NabTimestamp.Parse(pair[0], $"{source} '{file}' window start"),
                    NabTimestamp.Parse(pair[1], $"{source} '{file}' window end"));
                if (window.End < window.Start)
                {
                    throw new FormatException($"{source}: window of '{file}' ends ({pair[1]}) before it starts ({pair[0]}).");
                }

                list.Add(window);
            }

            list.Sort((a, b) => a.Start.CompareTo(b.Start));
            windows[file] = list;
        }

        return windows;
    }
}
