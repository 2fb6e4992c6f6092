namespace Monitor.Silo.Tests.Infrastructure;

/// <summary>
/// The silo executable the process tests start: <c>src/Monitor.Silo</c>'s own build output for the configuration and
/// target framework these tests were built with. Test projects reference the executable for build order only
/// (<c>ReferenceOutputAssembly="false"</c>): it is built first and fresh, and none of it is compiled against or copied here.
/// </summary>
public static class SiloExecutable
{
    /// <summary>The full path of <c>Monitor.Silo.dll</c>, to run with <c>dotnet</c>.</summary>
    public static string DllPath { get; } = Locate();

    private static string Locate()
    {
        // This assembly runs from tests/<project>/bin/<configuration>/<framework>/; the silo's output is the same
        // bin/<configuration>/<framework>/ under src/Monitor.Silo.
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var project = output;
        while (project is not null && project.GetFiles("*.csproj").Length == 0)
        {
            project = project.Parent;
        }

        var repository = project?.Parent?.Parent;
        if (project is null || repository is null || !File.Exists(Path.Combine(repository.FullName, "Monitor.sln")))
        {
            throw new InvalidOperationException($"No test project folder inside a Monitor clone above {AppContext.BaseDirectory}.");
        }

        var silo = Path.Combine(repository.FullName, "src", "Monitor.Silo", Path.GetRelativePath(project.FullName, output.FullName), "Monitor.Silo.dll");
        return File.Exists(silo)
            ? silo
            : throw new InvalidOperationException($"The silo executable {silo} is missing: build src/Monitor.Silo in the same configuration as the tests.");
    }
}
