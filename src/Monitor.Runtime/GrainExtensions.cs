using Monitor.Runtime.References;

namespace Monitor.Runtime;

/// <summary>Identity helpers for grain references and grain instances.</summary>
public static class GrainExtensions
{
    /// <summary>The identity of the grain behind a reference (or of a grain instance).</summary>
    public static GrainId GetGrainId(this IGrain grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain switch
        {
            GrainReference reference => reference.GrainId,
            Grain instance => instance.GrainId,
            _ => throw new ArgumentException($"{grain.GetType().FullName} is neither a grain reference nor a grain.", nameof(grain)),
        };
    }

    /// <summary>The string key of the grain behind a reference (or of a grain instance).</summary>
    public static string GetPrimaryKeyString(this IGrainWithStringKey grain) => grain.GetGrainId().Key;

    /// <summary>
    /// A reference to <paramref name="grain"/> through <typeparamref name="TGrainInterface"/>; what a grain passes instead of <c>this</c>,
    /// so that calls to it go through the runtime.
    /// </summary>
    public static TGrainInterface AsReference<TGrainInterface>(this IGrain grain, IGrainFactory grainFactory)
        where TGrainInterface : IGrain
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        return grainFactory.GetGrain<TGrainInterface>(grain.GetGrainId());
    }
}
