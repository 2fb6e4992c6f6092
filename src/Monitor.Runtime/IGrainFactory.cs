namespace Monitor.Runtime;

/// <summary>Creates grain references; usable from grains and from outside the silo (like Orleans' IClusterClient).</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain with the given key; the grain is activated on its first call.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;

    /// <summary>Returns a reference to the grain with the given identity, viewed through <typeparamref name="TGrainInterface"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain;
}
