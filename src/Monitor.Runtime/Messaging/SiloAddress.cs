namespace Monitor.Runtime.Messaging;

/// <summary>Where a silo is: its endpoint and the generation that tells a restarted silo from its previous life.</summary>
internal readonly record struct SiloAddress(string Endpoint, long Generation)
{
    public override string ToString() => $"{Endpoint}@{Generation}";
}
