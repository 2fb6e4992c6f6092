namespace Monitor.Storage.Tests;

/// <summary>A grain state shaped like an account's: scalars, a collection, a dictionary and raw bytes.</summary>
public sealed class AccountSnapshot
{
    public string Handle { get; set; } = "";

    public long Followers { get; set; }

    public List<long> History { get; set; } = [];

    public Dictionary<string, string> Tags { get; set; } = [];

    public byte[] Blob { get; set; } = [];
}
