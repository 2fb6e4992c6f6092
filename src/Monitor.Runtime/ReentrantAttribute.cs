namespace Monitor.Runtime;

/// <summary>Lets every call and timer tick of a grain class interleave with the others at awaits.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute
{
}
