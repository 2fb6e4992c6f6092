namespace Monitor.Runtime;

/// <summary>Marks a grain interface method whose calls interleave with any other call, even on a non-reentrant grain.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}
