namespace Monitor.Runtime;

/// <summary>Gives a grain class a stable type name (the <see cref="GrainId.Type"/> of its grains); without it the class name is used.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute : Attribute
{
    /// <summary>Creates the attribute with the grain type name.</summary>
    public GrainTypeAttribute(string grainType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(grainType);
        GrainType = grainType;
    }

    /// <summary>The grain type name, e.g. "account".</summary>
    public string GrainType { get; }
}
