using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Monitor.Grains.Alerts.Store;

namespace Monitor.Grains.Tests.Support;

/// <summary>A real alert store behind a proxy that counts the calls of each of its methods.</summary>
public class CountingAlertStore : DispatchProxy
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private IAlertStore _inner = null!;

    public static IAlertStore Over(IAlertStore inner)
    {
        var proxy = Create<IAlertStore, CountingAlertStore>();
        ((CountingAlertStore)(object)proxy)._inner = inner;
        return proxy;
    }

    public static CountingAlertStore Of(IAlertStore proxy) => (CountingAlertStore)(object)proxy;

    public int Calls(string method) => _calls.GetValueOrDefault(method);

    public void Reset() => _calls.Clear();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _calls.AddOrUpdate(targetMethod.Name, 1, (_, count) => count + 1);
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
