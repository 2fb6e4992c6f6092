namespace Monitor.Runtime.Storage;

/// <summary>Raised when a write or clear finds a stored ETag different from the one the grain holds.</summary>
public class InconsistentStateException : Exception
{
    public InconsistentStateException()
    {
    }

    public InconsistentStateException(string message)
        : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the ETag found in storage and the one the grain held.</summary>
    public InconsistentStateException(string message, string? storedEtag, string? currentEtag, Exception? innerException = null)
        : base(message, innerException)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The ETag found in storage.</summary>
    public string? StoredEtag { get; }

    /// <summary>The ETag the grain held when it tried to write.</summary>
    public string? CurrentEtag { get; }
}
