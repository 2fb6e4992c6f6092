namespace Monitor.Storage.Tests;

/// <summary>A migration source holding the scripts it is given, standing in for another assembly's scripts.</summary>
public sealed class FixedMigrationSource(SchemaDialect dialect, params MigrationScript[] scripts) : IMigrationSource
{
    public IEnumerable<MigrationScript> GetScripts(SchemaDialect requested) => requested == dialect ? scripts : [];
}
