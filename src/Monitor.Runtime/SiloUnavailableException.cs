namespace Monitor.Runtime;

/// <summary>Raised to a caller whose call cannot be delivered because the silo is stopping.</summary>
public class SiloUnavailableException : Exception
{
    public SiloUnavailableException()
        : base("The silo is stopping and accepts no new activations.")
    {
    }

    public SiloUnavailableException(string message)
        : base(message)
    {
    }

    public SiloUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
