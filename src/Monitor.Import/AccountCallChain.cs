namespace Monitor.Import;

/// <summary>
/// Keeps each account's grain calls in the order they were made when several rounds of calls are in flight: a call
/// starts once the account's previous one has succeeded. After a failed call the account's later calls fail with the
/// same error without running, so no later point is stored ahead of an earlier one that was not (a retry of the file
/// would then refuse the earlier one as too old).
/// </summary>
public sealed class AccountCallChain
{
    private readonly Dictionary<string, Task> _last = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="call"/> for <paramref name="account"/> after the account's previous call.</summary>
    public Task<TResult> Then<TResult>(string account, Func<Task<TResult>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var next = _last.TryGetValue(account, out var previous) && !previous.IsCompletedSuccessfully ? After(previous, call) : call();
        _last[account] = next;
        return next;
    }

    private static async Task<TResult> After<TResult>(Task previous, Func<Task<TResult>> call)
    {
        await previous;
        return await call();
    }
}
