namespace Monitor.Runtime.Messaging;

/// <summary>Decides which silo owns (activates) a grain; the seam where cluster placement and a grain directory plug in.</summary>
internal interface IGrainLocator
{
    /// <summary>The silo that hosts, or is to host, <paramref name="grainId"/>.</summary>
    ValueTask<SiloAddress> LocateAsync(GrainId grainId);
}
