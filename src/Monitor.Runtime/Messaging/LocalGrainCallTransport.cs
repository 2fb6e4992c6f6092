using Monitor.Runtime.Activation;
using Monitor.Runtime.References;

namespace Monitor.Runtime.Messaging;

/// <summary>In-process delivery to this silo's catalog; calls for other silos are not supported yet.</summary>
internal sealed class LocalGrainCallTransport : IGrainCallTransport
{
    private readonly Catalog _catalog;
    private readonly SiloAddress _localSilo;

    public LocalGrainCallTransport(Catalog catalog, LocalSiloDetails localSilo)
    {
        _catalog = catalog;
        _localSilo = localSilo.SiloAddress;
    }

    public Task SendAsync(SiloAddress target, GrainId grainId, GrainMethodInvoker method, object?[] arguments)
    {
        if (target != _localSilo)
        {
            return method.FromException(new NotSupportedException(
                $"Grain {grainId} is placed on silo {target}; silo-to-silo forwarding is not implemented (this is {_localSilo})."));
        }

        return _catalog.Invoke(grainId, method, arguments);
    }
}
