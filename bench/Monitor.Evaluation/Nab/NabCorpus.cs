namespace Monitor.Evaluation.Nab;

/// <summary>A NAB folder read into memory: every data file with its windows, and the scoring profiles.</summary>
internal sealed class NabCorpus
{
    private NabCorpus(string root, IReadOnlyList<NabDataFile> files, IReadOnlyDictionary<string, NabProfile> profiles)
    {
        Root = root;
        Files = files;
        Profiles = profiles;
    }

    /// <summary>The folder the corpus was read from.</summary>
    public string Root { get; }

    /// <summary>The data files, ordered by category then name.</summary>
    public IReadOnlyList<NabDataFile> Files { get; }

    /// <summary>The cost matrices by profile name.</summary>
    public IReadOnlyDictionary<string, NabProfile> Profiles { get; }

    /// <summary>The folder of published detectors' per-file score tables.</summary>
    public string ResultsFolder => Path.Combine(Root, "results");

    /// <summary>Reads data/, labels/combined_windows.json and config/profiles.json under <paramref name="root"/>.</summary>
    /// <exception cref="NabLayoutException">The folder or one of those parts is missing.</exception>
    public static NabCorpus Load(string root)
    {
        var fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
        {
            throw new NabLayoutException(
                $"NAB folder '{root}' (resolved to '{fullRoot}') does not exist. Pass --nab <folder> pointing to a copy of " +
                "NAB's layout (data/<category>/<file>.csv, labels/combined_windows.json, config/profiles.json), " +
                "e.g. a clone of github.com/numenta/NAB.");
        }

        var dataFolder = Path.Combine(fullRoot, "data");
        var labelsPath = Path.Combine(fullRoot, "labels", "combined_windows.json");
        var profilesPath = Path.Combine(fullRoot, "config", "profiles.json");
        foreach (var required in new[] { dataFolder, labelsPath, profilesPath })
        {
            if (!Directory.Exists(required) && !File.Exists(required))
            {
                throw new NabLayoutException($"NAB folder '{root}' has no '{Path.GetRelativePath(fullRoot, required)}'; it is not NAB's layout.");
            }
        }

        var windows = NabLabelReader.Read(File.ReadAllText(labelsPath), labelsPath);
        var profiles = NabProfileReader.Read(File.ReadAllText(profilesPath), profilesPath);
        var files = new List<NabDataFile>();
        foreach (var categoryFolder in Directory.GetDirectories(dataFolder).Order(StringComparer.Ordinal))
        {
            var category = Path.GetFileName(categoryFolder);
            foreach (var path in Directory.GetFiles(categoryFolder, "*.csv").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                var key = $"{category}/{name}.csv";
                if (!windows.TryGetValue(key, out var fileWindows))
                {
                    throw new NabLayoutException($"'{labelsPath}' has no entry for data file '{key}'.");
                }

                files.Add(new NabDataFile(category, name, NabDataReader.Read(path), fileWindows));
            }
        }

        if (files.Count == 0)
        {
            throw new NabLayoutException($"NAB folder '{root}' has no data/<category>/<file>.csv files.");
        }

        return new NabCorpus(fullRoot, files, profiles);
    }

    /// <summary>The profile named <paramref name="name"/>.</summary>
    public NabProfile Profile(string name) =>
        Profiles.TryGetValue(name, out var profile)
            ? profile
            : throw new NabLayoutException($"config/profiles.json of '{Root}' has no profile '{name}'.");
}
