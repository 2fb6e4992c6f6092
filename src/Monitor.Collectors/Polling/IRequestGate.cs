namespace Monitor.Collectors.Polling;

/// <summary>Asked by a client before each HTTP request it makes; false means the budget is spent and the request must not be sent.</summary>
public interface IRequestGate
{
    /// <summary>Takes one request from the budget, or returns false.</summary>
    bool TryTake();
}
