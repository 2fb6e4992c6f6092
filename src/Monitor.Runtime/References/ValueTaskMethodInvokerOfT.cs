using System.Reflection;
using Monitor.Runtime.Activation;

namespace Monitor.Runtime.References;

/// <summary>Invoker of a grain method returning <see cref="ValueTask{TResult}"/>; the runtime works with its <see cref="Task{TResult}"/> form.</summary>
internal sealed class ValueTaskMethodInvoker<TResult> : GrainMethodInvoker
{
    private readonly Func<object, object?[], ValueTask<TResult>> _invoke;

    public ValueTaskMethodInvoker(MethodInfo method)
        : base(method)
    {
        _invoke = Compile<ValueTask<TResult>>(method);
    }

    public override Task Invoke(object grain, object?[] arguments)
    {
        try
        {
            return _invoke(grain, arguments).AsTask();
        }
        catch (Exception exception)
        {
            return Task.FromException<TResult>(exception);
        }
    }

    public override ActivationWorkItem CreateWorkItem(object?[] arguments, out Task callerTask)
    {
        var item = new GrainCallWorkItem<TResult>(this, arguments);
        callerTask = item.CallerTask;
        return item;
    }

    public override Task WithTimeout(Task call, TimeSpan timeout, TimeProvider timeProvider) =>
        ((Task<TResult>)call).WaitAsync(timeout, timeProvider);

    public override Task FromException(Exception exception) => Task.FromException<TResult>(exception);

    public override Task Then(Task first, Func<Task> next) => ThenAsync(first, next);

    public override object ToReturnValue(Task call) => new ValueTask<TResult>((Task<TResult>)call);

    public override Task FromResultOf(Task<object?> remote) => ConvertAsync(remote);

    public override async Task<object?> ResultOf(Task call) => await ((Task<TResult>)call).ConfigureAwait(false);

    private static async Task<TResult> ConvertAsync(Task<object?> remote) => (TResult)(await remote.ConfigureAwait(false))!;

    private static async Task<TResult> ThenAsync(Task first, Func<Task> next)
    {
        await first.ConfigureAwait(false);
        return await ((Task<TResult>)next()).ConfigureAwait(false);
    }
}
