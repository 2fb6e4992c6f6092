namespace Monitor.AccessControl;

/// <summary>Why a presented key was accepted or refused.</summary>
public enum KeyCheck
{
    /// <summary>The key exists, matches, and is neither revoked nor expired.</summary>
    Valid,

    /// <summary>Not in the key format, no such key, or the secret does not match.</summary>
    Unknown,

    /// <summary>The key was revoked.</summary>
    Revoked,

    /// <summary>The key's expiry has passed.</summary>
    Expired,
}
