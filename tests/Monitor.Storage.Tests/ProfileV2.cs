namespace Monitor.Storage.Tests;

/// <summary>A newer build's state: adds <c>Country</c> with a default.</summary>
public sealed class ProfileV2
{
    public string Name { get; set; } = "";

    public long Followers { get; set; }

    public string Country { get; set; } = "unknown";
}
