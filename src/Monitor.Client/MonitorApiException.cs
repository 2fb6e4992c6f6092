using System.Net;

namespace Monitor.Client;

/// <summary>A silo answered with an error; carries the status and the problem's title and detail.</summary>
public sealed class MonitorApiException : Exception
{
    public MonitorApiException()
    {
    }

    public MonitorApiException(string message)
        : base(message)
    {
    }

    public MonitorApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failed response.</summary>
    public MonitorApiException(HttpStatusCode status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>The HTTP status the silo answered with.</summary>
    public HttpStatusCode Status { get; }
}
