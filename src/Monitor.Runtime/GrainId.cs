namespace Monitor.Runtime;

/// <summary>Identity of a grain: its type name (the grain class's stable name, e.g. "account") and its string key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
