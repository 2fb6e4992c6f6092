using System.Xml.Linq;
using Xunit;

namespace Monitor.Silo.Tests.Deployment;

/// <summary>
/// Test projects and benchmarks compile against libraries only. An executable a test starts as a process (the silo) may
/// be referenced for build order (<c>ReferenceOutputAssembly="false"</c>), never as an assembly to call into.
/// </summary>
public sealed class ProjectReferenceTests
{
    public static TheoryData<string> TestAndBenchmarkProjects()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "tests", "bench" })
        {
            foreach (var project in Directory.EnumerateFiles(RepositoryFiles.PathOf(folder), "*.csproj", SearchOption.AllDirectories))
            {
                data.Add(Path.GetRelativePath(RepositoryFiles.Root, project).Replace(Path.DirectorySeparatorChar, '/'));
            }
        }

        return data;
    }

    [Fact]
    public void Executables_are_told_from_libraries()
    {
        // The theory below would pass vacuously if no project counted as an executable.
        Assert.True(IsExecutable(RepositoryFiles.PathOf("src/Monitor.Silo/Monitor.Silo.csproj")));
        Assert.True(IsExecutable(RepositoryFiles.PathOf("src/Monitor.Cli.Tool/Monitor.Cli.Tool.csproj")));
        Assert.False(IsExecutable(RepositoryFiles.PathOf("src/Monitor.Hosting/Monitor.Hosting.csproj")));
        Assert.Contains("tests/Monitor.Silo.Tests/Monitor.Silo.Tests.csproj", TestAndBenchmarkProjects().Select(row => row.Data));
    }

    [Theory]
    [MemberData(nameof(TestAndBenchmarkProjects))]
    public void The_project_references_no_executable_assembly(string project)
    {
        var path = RepositoryFiles.PathOf(project);
        var referenced = XDocument.Load(path).Descendants("ProjectReference")
            .Where(reference => !string.Equals((string?)reference.Attribute("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase))
            .Select(reference => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, ((string)reference.Attribute("Include")!).Replace('\\', Path.DirectorySeparatorChar))));
        Assert.DoesNotContain(referenced, IsExecutable);
    }

    private static bool IsExecutable(string project) =>
        XDocument.Load(project).Descendants("OutputType").Any(type => type.Value.Trim().EndsWith("Exe", StringComparison.OrdinalIgnoreCase));
}
