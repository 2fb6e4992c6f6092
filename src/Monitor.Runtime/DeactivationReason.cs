namespace Monitor.Runtime;

/// <summary>The reason passed to <see cref="Grain.OnDeactivateAsync"/>: a code and a human-readable description.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description)
{
    public override string ToString() => $"{ReasonCode}: {Description}";
}
