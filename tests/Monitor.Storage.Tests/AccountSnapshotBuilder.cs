namespace Monitor.Storage.Tests;

/// <summary>Builds <see cref="AccountSnapshot"/>s with distinct, checkable contents.</summary>
public sealed class AccountSnapshotBuilder
{
    private string _handle = "@mfa";
    private long _followers = 1_000;
    private int _historyPoints = 3;
    private int _blobBytes = 16;

    public AccountSnapshotBuilder WithHandle(string handle)
    {
        _handle = handle;
        return this;
    }

    public AccountSnapshotBuilder WithFollowers(long followers)
    {
        _followers = followers;
        return this;
    }

    public AccountSnapshotBuilder WithHistory(int points)
    {
        _historyPoints = points;
        return this;
    }

    /// <summary>Raw bytes in the state; base64 in JSON makes the payload about 4/3 of this.</summary>
    public AccountSnapshotBuilder WithBlob(int bytes)
    {
        _blobBytes = bytes;
        return this;
    }

    public AccountSnapshot Build()
    {
        var blob = new byte[_blobBytes];
        for (var i = 0; i < blob.Length; i++)
        {
            blob[i] = (byte)((i * 31) + _followers);
        }

        return new AccountSnapshot
        {
            Handle = _handle,
            Followers = _followers,
            History = [.. Enumerable.Range(0, _historyPoints).Select(i => _followers - (i * 7L))],
            Tags = new Dictionary<string, string> { ["platform"] = "x", ["handle"] = _handle },
            Blob = blob,
        };
    }
}
