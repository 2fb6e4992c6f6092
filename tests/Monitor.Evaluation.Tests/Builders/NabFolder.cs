namespace Monitor.Evaluation.Tests.Builders;

/// <summary>A throw-away folder in NAB's layout under the system temp folder, deleted on dispose.</summary>
internal sealed class NabFolder : IDisposable
{
    public const string StandardProfiles = """
        {
        "standard": { "CostMatrix": { "tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11, "tnWeight": 1.0 } },
        "reward_low_FP_rate": { "CostMatrix": { "tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22, "tnWeight": 1.0 } },
        "reward_low_FN_rate": { "CostMatrix": { "tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11, "tnWeight": 1.0 } }
        }
        """;

    public NabFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), $"monitor-nab-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public NabFolder WithDataFile(string category, string name, string content)
    {
        var folder = Path.Combine(Root, "data", category);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{name}.csv"), content);
        return this;
    }

    public NabFolder WithLabels(string json) => WithFile(Path.Combine("labels", "combined_windows.json"), json);

    public NabFolder WithProfiles(string json = StandardProfiles) => WithFile(Path.Combine("config", "profiles.json"), json);

    public NabFolder WithFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
