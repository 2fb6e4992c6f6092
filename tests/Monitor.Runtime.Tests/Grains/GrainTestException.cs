namespace Monitor.Runtime.Tests.Grains;

/// <summary>An exception type only test grains throw, so that propagation of the exact type is visible.</summary>
public sealed class GrainTestException : Exception
{
    public GrainTestException()
    {
    }

    public GrainTestException(string message)
        : base(message)
    {
    }

    public GrainTestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Code { get; init; }
}
