using System.Reflection;
using System.Text;

namespace Monitor.Storage;

/// <summary>
/// Schema scripts embedded in an assembly as resources named <c>{prefix}{NNNN_name}.sql</c>, for one dialect.
/// Adding a script is adding a file that the project embeds under that prefix.
/// </summary>
public sealed class EmbeddedMigrationSource : IMigrationSource
{
    private readonly Assembly _assembly;
    private readonly SchemaDialect _dialect;
    private readonly string _resourcePrefix;

    /// <summary>Reads the <c>.sql</c> resources of <paramref name="assembly"/> whose names start with <paramref name="resourcePrefix"/>.</summary>
    public EmbeddedMigrationSource(Assembly assembly, SchemaDialect dialect, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(resourcePrefix);
        _assembly = assembly;
        _dialect = dialect;
        _resourcePrefix = resourcePrefix;
    }

    /// <inheritdoc />
    public IEnumerable<MigrationScript> GetScripts(SchemaDialect dialect)
    {
        if (dialect != _dialect)
        {
            yield break;
        }

        foreach (var resource in _assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(_resourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            using var stream = _assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Resource '{resource}' of {_assembly.GetName().Name} could not be opened.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var name = resource[_resourcePrefix.Length..^".sql".Length];
            yield return new MigrationScript(name, reader.ReadToEnd());
        }
    }
}
