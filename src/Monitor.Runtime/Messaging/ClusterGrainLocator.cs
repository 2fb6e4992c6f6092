using Monitor.Runtime.Clustering;

namespace Monitor.Runtime.Messaging;

/// <summary>
/// Cluster placement: a grain lives on the silo that holds its key's partition. Reads only this silo's view of the lease
/// table (no database round trip per call); a partition with no live owner yields <see cref="Unplaced"/>, which the
/// transport waits out for a little while.
/// </summary>
internal sealed class ClusterGrainLocator : IGrainLocator
{
    /// <summary>The address of "no silo holds the partition right now".</summary>
    public static readonly SiloAddress Unplaced = new("", 0);

    private readonly PartitionFence _fence;
    private readonly ClusterView _view;
    private readonly string _localAddress;

    public ClusterGrainLocator(PartitionFence fence, ClusterView view, Microsoft.Extensions.Options.IOptions<ClusterOptions> options)
    {
        _fence = fence;
        _view = view;
        _localAddress = options.Value.AdvertisedAddress;
    }

    public ValueTask<SiloAddress> LocateAsync(GrainId grainId) => new(Locate(grainId));

    public SiloAddress Locate(GrainId grainId)
    {
        var partition = _fence.PartitionOf(grainId.Key);
        if (_fence.Serves(partition))
        {
            return new SiloAddress(_localAddress, _fence.Generation);
        }

        return _view.OwnerOf(partition) is { } owner && !(owner.SiloId == _fence.SiloId && owner.Generation == _fence.Generation)
            ? new SiloAddress(owner.Address, owner.Generation)
            : Unplaced;
    }

    public bool IsLocal(SiloAddress address) => address.Generation == _fence.Generation && address.Endpoint == _localAddress;
}
