using System.Data.Common;

namespace Monitor.Benchmarks.Storage;

/// <summary>
/// Orleans' ADO.NET schema scripts (Sqlite-Main.sql, PostgreSQL-Persistence.sql, ...), read at run time from the folder
/// named by <see cref="FolderVariable"/> (Program sets it from <c>--orleans-sql &lt;folder&gt;</c>). They are not copied
/// into this repository: Orleans' NuGet packages do not ship them.
/// </summary>
public static class OrleansSqlScripts
{
    public const string FolderVariable = "MONITOR_ORLEANS_SQL";

    /// <summary>Runs the named scripts, in order, each as one command on <paramref name="connection"/>.</summary>
    public static async Task ApplyAsync(DbConnection connection, params string[] scripts)
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new InvalidOperationException(
                $"Set {FolderVariable} (or pass --orleans-sql <folder>) to the folder holding Orleans' ADO.NET scripts ({string.Join(", ", scripts)}).");
        }

        foreach (var script in scripts)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = await File.ReadAllTextAsync(Path.Combine(folder, script));
            await command.ExecuteNonQueryAsync();
        }
    }
}
