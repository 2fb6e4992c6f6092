using Xunit;

namespace Monitor.Storage.Tests;

public sealed class MigrationScriptTests
{
    [Theory]
    [InlineData("grain_state")]
    [InlineData("0001")]
    [InlineData("0001_")]
    [InlineData("v1_grain_state")]
    public void A_name_without_a_leading_version_is_rejected_naming_it(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new MigrationScript(name, "SELECT 1"));

        Assert.Equal("name", error.ParamName);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_version_is_the_leading_number_and_line_endings_do_not_change_the_checksum()
    {
        var unix = new MigrationScript("0012_alerts", "CREATE TABLE a (x int);\nCREATE TABLE b (y int);\n");
        var windows = new MigrationScript("0012_alerts", "CREATE TABLE a (x int);\r\nCREATE TABLE b (y int);\r\n");
        var edited = new MigrationScript("0012_alerts", "CREATE TABLE a (x bigint);\nCREATE TABLE b (y int);\n");

        Assert.Equal(12, unix.Version);
        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, edited.Checksum);
    }

    [Fact]
    public void Two_scripts_with_one_name_are_refused()
    {
        var migrator = new SchemaMigrator(SchemaDialect.Sqlite)
            .AddSource(new FixedMigrationSource(SchemaDialect.Sqlite, new MigrationScript("0005_x", "SELECT 1")))
            .AddSource(new FixedMigrationSource(SchemaDialect.Sqlite, new MigrationScript("0005_x", "SELECT 2")));

        var error = Assert.Throws<InvalidOperationException>(migrator.GetScripts);

        Assert.Contains("'0005_x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scripts_from_several_sources_run_in_version_order()
    {
        var migrator = new SchemaMigrator(SchemaDialect.Postgres)
            .AddSource(new FixedMigrationSource(SchemaDialect.Postgres, new MigrationScript("0010_late", "SELECT 1"), new MigrationScript("0002_b", "SELECT 1")))
            .AddSource(new FixedMigrationSource(SchemaDialect.Postgres, new MigrationScript("0002_a", "SELECT 1")))
            .AddSource(new FixedMigrationSource(SchemaDialect.Sqlite, new MigrationScript("0001_other_dialect", "SELECT 1")));

        Assert.Equal(["0002_a", "0002_b", "0010_late"], migrator.GetScripts().Select(s => s.Name));
    }

    [Theory]
    [InlineData(SchemaDialect.Postgres, "postgres")]
    [InlineData(SchemaDialect.Sqlite, "sqlite")]
    public void The_embedded_scripts_are_the_files_in_deploy_sql(SchemaDialect dialect, string folder)
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot(), "deploy", "sql", folder), "*.sql")
            .Select(path => (Name: Path.GetFileNameWithoutExtension(path), Sql: File.ReadAllText(path)))
            .OrderBy(file => file.Name, StringComparer.Ordinal)
            .ToList();

        var embedded = SchemaMigrator.CreateDefault(dialect).GetScripts();

        Assert.NotEmpty(files);
        Assert.Equal(files.Select(f => f.Name), embedded.Select(s => s.Name));
        Assert.Equal(files.Select(f => new MigrationScript(f.Name, f.Sql).Checksum), embedded.Select(s => s.Checksum));
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Monitor.sln not found above {AppContext.BaseDirectory} or {sourceFile}.");
    }
}
