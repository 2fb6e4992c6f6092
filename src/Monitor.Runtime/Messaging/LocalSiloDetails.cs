namespace Monitor.Runtime.Messaging;

/// <summary>The address of the silo this process hosts.</summary>
internal sealed class LocalSiloDetails
{
    public LocalSiloDetails(TimeProvider timeProvider)
    {
        SiloAddress = new SiloAddress($"{Environment.MachineName}/{Environment.ProcessId}", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
    }

    public SiloAddress SiloAddress { get; }
}
