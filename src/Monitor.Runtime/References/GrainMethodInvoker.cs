using System.Linq.Expressions;
using System.Reflection;
using Monitor.Runtime.Activation;

namespace Monitor.Runtime.References;

/// <summary>
/// Everything the runtime does with one grain interface method: call it on a grain through a compiled delegate,
/// and build the typed tasks its caller sees (queued call, timeout, failure, declared return type).
/// </summary>
internal abstract class GrainMethodInvoker
{
    protected GrainMethodInvoker(MethodInfo method)
    {
        Method = method;
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        Kind = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: true) ? TurnKind.Interleave
            : method.IsDefined(typeof(ReadOnlyAttribute), inherit: true) ? TurnKind.ReadOnly
            : TurnKind.Exclusive;
    }

    /// <summary>The interface method.</summary>
    public MethodInfo Method { get; }

    /// <summary>"Interface.Method", the tag used by telemetry.</summary>
    public string Name { get; }

    /// <summary>How calls to the method may overlap other turns.</summary>
    public TurnKind Kind { get; }

    /// <summary>Creates the invoker that fits the method's return type.</summary>
    public static GrainMethodInvoker Create(MethodInfo method)
    {
        var returnType = method.ReturnType;
        if (returnType == typeof(Task))
        {
            return new TaskMethodInvoker(method);
        }

        if (returnType == typeof(ValueTask))
        {
            return new ValueTaskMethodInvoker(method);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var invokerType = typeof(TaskMethodInvoker<>).MakeGenericType(returnType.GetGenericArguments()[0]);
            return (GrainMethodInvoker)Activator.CreateInstance(invokerType, method)!;
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var invokerType = typeof(ValueTaskMethodInvoker<>).MakeGenericType(returnType.GetGenericArguments()[0]);
            return (GrainMethodInvoker)Activator.CreateInstance(invokerType, method)!;
        }

        throw new ArgumentException(
            $"Grain method {method.DeclaringType!.FullName}.{method.Name} returns {returnType.Name}; grain methods must return Task, ValueTask, Task<T> or ValueTask<T>.",
            nameof(method));
    }

    /// <summary>Calls the method on <paramref name="grain"/>; exceptions thrown synchronously come back as a faulted task.</summary>
    public abstract Task Invoke(object grain, object?[] arguments);

    /// <summary>Creates the queue entry for a call that cannot start at once; its task has the method's result type.</summary>
    public abstract ActivationWorkItem CreateWorkItem(object?[] arguments, out Task callerTask);

    /// <summary>Wraps a pending call so that it fails with <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public abstract Task WithTimeout(Task call, TimeSpan timeout, TimeProvider timeProvider);

    /// <summary>A call that failed before reaching the grain, typed like the method's result.</summary>
    public abstract Task FromException(Exception exception);

    /// <summary>Runs <paramref name="next"/> after <paramref name="first"/> succeeds (or fails with its exception), typed like the method's result.</summary>
    public abstract Task Then(Task first, Func<Task> next);

    /// <summary>Converts the call's task into the method's declared return type (Task, ValueTask, Task&lt;T&gt;, ValueTask&lt;T&gt;).</summary>
    public abstract object ToReturnValue(Task call);

    /// <summary>The method's result type (T of Task&lt;T&gt; or ValueTask&lt;T&gt;), or null for Task and ValueTask.</summary>
    public Type? ResultType => Method.ReturnType.IsGenericType ? Method.ReturnType.GetGenericArguments()[0] : null;

    /// <summary>A call answered by another silo (its result as an object), typed like the method's result.</summary>
    public abstract Task FromResultOf(Task<object?> remote);

    /// <summary>The call's result as an object (null for Task and ValueTask), to send back to the silo that forwarded it.</summary>
    public abstract Task<object?> ResultOf(Task call);

    /// <summary>Compiles <c>(grain, arguments) =&gt; ((TInterface)grain).Method((T0)arguments[0], ...)</c>.</summary>
    protected static Func<object, object?[], TReturn> Compile<TReturn>(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var parameters = method.GetParameters();
        var callArguments = new Expression[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            callArguments[i] = Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), parameters[i].ParameterType);
        }

        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, callArguments);
        return Expression.Lambda<Func<object, object?[], TReturn>>(call, grain, arguments).Compile();
    }

    protected InvalidOperationException ReturnedNull() =>
        new($"Grain method {Name} returned a null task.");
}
