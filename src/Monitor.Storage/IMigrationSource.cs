namespace Monitor.Storage;

/// <summary>Contributes schema scripts to a <see cref="SchemaMigrator"/>; any assembly can supply one.</summary>
public interface IMigrationSource
{
    /// <summary>The scripts this source holds for <paramref name="dialect"/> (none when it has no scripts for it).</summary>
    IEnumerable<MigrationScript> GetScripts(SchemaDialect dialect);
}
