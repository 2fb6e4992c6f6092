using System.Reflection;
using System.Runtime.ExceptionServices;
using Monitor.Grains.Alerts.Store;

namespace Monitor.Grains.Tests.Support;

/// <summary>
/// A real alert store behind a proxy that counts the commits carrying a silence and, before each of the first
/// <see cref="Times"/> of them, runs <see cref="Before"/> (another activation committing between a silence's reads and its commit).
/// </summary>
public class SilenceCommitHook : DispatchProxy
{
    private IAlertStore _inner = null!;
    private int _commits;

    /// <summary>Runs before a commit that writes a silence, at most <see cref="Times"/> times.</summary>
    public Func<Task>? Before { get; set; }

    public int Times { get; set; }

    /// <summary>How many commits carrying a silence were attempted (refused ones included).</summary>
    public int SilenceCommits => Volatile.Read(ref _commits);

    public static IAlertStore Over(IAlertStore inner)
    {
        var proxy = Create<IAlertStore, SilenceCommitHook>();
        ((SilenceCommitHook)(object)proxy)._inner = inner;
        return proxy;
    }

    public static SilenceCommitHook Of(IAlertStore proxy) => (SilenceCommitHook)(object)proxy;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name.StartsWith("Commit", StringComparison.Ordinal) && args?[0] is AlertStoreWrites { Silences.Count: > 0 })
        {
            return CommitAfterHookAsync(targetMethod, args);
        }

        return Forward(targetMethod, args);
    }

    private async Task<SequencedCommit> CommitAfterHookAsync(MethodInfo targetMethod, object?[] args)
    {
        if (Interlocked.Increment(ref _commits) <= Times && Before is { } before)
        {
            await before();
        }

        return await (Task<SequencedCommit>)Forward(targetMethod, args)!;
    }

    private object? Forward(MethodInfo targetMethod, object?[]? args)
    {
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
