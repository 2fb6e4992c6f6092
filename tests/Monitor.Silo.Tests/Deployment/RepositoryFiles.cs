using System.Runtime.CompilerServices;
using YamlDotNet.RepresentationModel;

namespace Monitor.Silo.Tests.Deployment;

/// <summary>The deployment files of the repository (found by walking up to Monitor.sln), read as text or YAML.</summary>
public static class RepositoryFiles
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The full path of <paramref name="relativePath"/> (forward slashes) below the root.</summary>
    public static string PathOf(string relativePath) => Path.Combine([Root, .. relativePath.Split('/')]);

    /// <summary>The text of a repository file.</summary>
    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>Every document of a YAML file (Kubernetes files hold several, separated by <c>---</c>), as mappings.</summary>
    public static IReadOnlyList<YamlMappingNode> ReadYaml(string relativePath)
    {
        using var reader = new StringReader(Read(relativePath));
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Select(document => (YamlMappingNode)document.RootNode).ToList();
    }

    /// <summary>The repository-relative paths of the YAML files below <paramref name="folder"/>, subfolders included.</summary>
    public static IReadOnlyList<string> YamlFilesBelow(string folder) =>
        Directory.EnumerateFiles(PathOf(folder), "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Monitor.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Monitor.sln not found above {AppContext.BaseDirectory} or {sourceFile}.");
    }
}
