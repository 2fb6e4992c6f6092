using Monitor.Collectors.Polling;

namespace Monitor.Collectors.Tests.Fakes;

/// <summary>A request gate that allows <see cref="Limit"/> requests and counts them.</summary>
public sealed class OpenGate(int limit = int.MaxValue) : IRequestGate
{
    /// <summary>Requests allowed.</summary>
    public int Limit { get; } = limit;

    /// <summary>Requests taken.</summary>
    public int Taken { get; private set; }

    public bool TryTake()
    {
        if (Taken >= Limit)
        {
            return false;
        }

        Taken++;
        return true;
    }
}
