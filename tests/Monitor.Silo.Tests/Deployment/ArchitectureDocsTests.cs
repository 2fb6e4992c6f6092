using Xunit;

namespace Monitor.Silo.Tests.Deployment;

/// <summary>The README's architecture section and docs/architecture.md name every project under src/ and bench/.</summary>
public sealed class ArchitectureDocsTests
{
    public static TheoryData<string> Projects()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "src", "bench" })
        {
            foreach (var project in Directory.EnumerateFiles(RepositoryFiles.PathOf(folder), "*.csproj", SearchOption.AllDirectories))
            {
                data.Add($"{folder}/{Path.GetFileNameWithoutExtension(project)}");
            }
        }

        return data;
    }

    [Fact]
    public void Both_folders_hold_projects()
    {
        // The theories below would pass vacuously if the search found nothing.
        Assert.Contains("src/Monitor.Silo", Projects().Select(row => row.Data));
        Assert.Contains("src/Monitor.Hosting", Projects().Select(row => row.Data));
        Assert.Contains("bench/Monitor.LoadGen", Projects().Select(row => row.Data));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void The_readme_architecture_section_has_a_line_for_the_project(string project)
    {
        Assert.Contains($"| `{project}` |", Section(RepositoryFiles.Read("README.md"), "## Architecture"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void The_architecture_document_lists_the_project(string project)
    {
        Assert.Contains($"| `{project}` |", Section(RepositoryFiles.Read("docs/architecture.md"), "## Projects"), StringComparison.Ordinal);
    }

    // From the heading to the next heading of the same level.
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf($"\n{heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No '{heading}' heading.");
        var end = markdown.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }
}
