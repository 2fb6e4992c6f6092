using Monitor.Abstractions.Annotations;

namespace Monitor.Grains.Annotations;

/// <summary>The persisted annotations by id.</summary>
public sealed class AnnotationsState
{
    /// <summary>Every annotation by id.</summary>
    public Dictionary<string, Annotation> Annotations { get; set; } = new(StringComparer.Ordinal);
}
