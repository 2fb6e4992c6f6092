namespace Monitor.Runtime.Messaging;

/// <summary>Single-silo placement: every grain lives in this silo.</summary>
internal sealed class LocalGrainLocator : IGrainLocator
{
    private readonly SiloAddress _localSilo;

    public LocalGrainLocator(LocalSiloDetails localSilo)
    {
        _localSilo = localSilo.SiloAddress;
    }

    public ValueTask<SiloAddress> LocateAsync(GrainId grainId) => new(_localSilo);
}
