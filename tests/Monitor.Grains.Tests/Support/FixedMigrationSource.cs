using Monitor.Storage;

namespace Monitor.Grains.Tests.Support;

/// <summary>A migration source holding the scripts it is given: an earlier release's subset of a store's scripts.</summary>
public sealed class FixedMigrationSource(SchemaDialect dialect, params MigrationScript[] scripts) : IMigrationSource
{
    public IEnumerable<MigrationScript> GetScripts(SchemaDialect requested) => requested == dialect ? scripts : [];
}
