namespace Monitor.Storage.Tests;

/// <summary>An older build's state: no <c>Country</c> yet.</summary>
public sealed class ProfileV1
{
    public string Name { get; set; } = "";

    public long Followers { get; set; }
}
