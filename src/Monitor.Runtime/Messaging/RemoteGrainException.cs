namespace Monitor.Runtime.Messaging;

/// <summary>An exception a grain raised on another silo whose type does not cross silos; carries the original type name and message.</summary>
public sealed class RemoteGrainException : Exception
{
    public RemoteGrainException()
    {
    }

    public RemoteGrainException(string message)
        : base(message)
    {
    }

    public RemoteGrainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RemoteGrainException(string remoteType, string message)
        : base($"{remoteType}: {message}")
    {
        RemoteType = remoteType;
    }

    /// <summary>The full name of the exception type raised on the remote silo.</summary>
    public string? RemoteType { get; }
}
