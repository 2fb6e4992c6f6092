namespace Monitor.Grains;

/// <summary>
/// Applies the schema scripts (Monitor's and, on PostgreSQL, Orleans' own membership and reminder tables) as the silo's
/// first lifecycle step, before Orleans' membership and reminder service read their tables.
/// </summary>
internal sealed class SchemaMigrationLifecycle(SchemaGate schema) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationLifecycle), ServiceLifecycleStage.First, schema.EnsureAsync);
}
