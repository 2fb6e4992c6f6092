using System.Reflection;
using Monitor.Runtime.Activation;

namespace Monitor.Runtime.References;

/// <summary>Invoker of a grain method returning <see cref="Task"/>.</summary>
internal sealed class TaskMethodInvoker : GrainMethodInvoker
{
    private readonly Func<object, object?[], Task> _invoke;

    public TaskMethodInvoker(MethodInfo method)
        : base(method)
    {
        _invoke = Compile<Task>(method);
    }

    public override Task Invoke(object grain, object?[] arguments)
    {
        try
        {
            return _invoke(grain, arguments) ?? Task.FromException(ReturnedNull());
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

    public override object ToReturnValue(Task call) => call;

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
