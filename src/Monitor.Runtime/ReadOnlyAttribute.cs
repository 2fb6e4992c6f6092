namespace Monitor.Runtime;

/// <summary>Marks a grain interface method that does not change state: read-only calls may interleave with each other, never with other calls.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class ReadOnlyAttribute : Attribute
{
}
