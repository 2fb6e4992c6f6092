using System.Reflection;
using Monitor.Runtime.Activation;

namespace Monitor.Runtime.References;

/// <summary>Invoker of a grain method returning <see cref="ValueTask"/>; the runtime works with its <see cref="Task"/> form.</summary>
internal sealed class ValueTaskMethodInvoker : GrainMethodInvoker
{
    private readonly Func<object, object?[], ValueTask> _invoke;

    public ValueTaskMethodInvoker(MethodInfo method)
        : base(method)
    {
        _invoke = Compile<ValueTask>(method);
    }

    public override Task Invoke(object grain, object?[] arguments)
    {
        try
        {
            return _invoke(grain, arguments).AsTask();
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    public override ActivationWorkItem CreateWorkItem(object?[] arguments, out Task callerTask)
    {
        var item = new GrainCallWorkItem<object?>(this, arguments);
        callerTask = item.CallerTask;
        return item;
    }

    public override Task WithTimeout(Task call, TimeSpan timeout, TimeProvider timeProvider) => call.WaitAsync(timeout, timeProvider);

    public override Task FromException(Exception exception) => Task.FromException(exception);

    public override Task Then(Task first, Func<Task> next) => ThenAsync(first, next);

    public override object ToReturnValue(Task call) => new ValueTask(call);

    public override Task FromResultOf(Task<object?> remote) => remote;

    public override async Task<object?> ResultOf(Task call)
    {
        await call.ConfigureAwait(false);
        return null;
    }

    private static async Task ThenAsync(Task first, Func<Task> next)
    {
        await first.ConfigureAwait(false);
        await next().ConfigureAwait(false);
    }
}
