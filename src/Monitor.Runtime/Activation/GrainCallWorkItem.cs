using Monitor.Runtime.References;

namespace Monitor.Runtime.Activation;

/// <summary>A queued grain call; its caller awaits <see cref="CallerTask"/>.</summary>
internal sealed class GrainCallWorkItem<TResult> : ActivationWorkItem
{
    private readonly GrainMethodInvoker _invoker;
    private readonly object?[] _arguments;
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainCallWorkItem(GrainMethodInvoker invoker, object?[] arguments)
    {
        _invoker = invoker;
        _arguments = arguments;
    }

    /// <summary>Completes like the grain method: same result, same exception.</summary>
    public Task<TResult> CallerTask => _completion.Task;

    public override TurnKind Kind => _invoker.Kind;

    public override bool KeepsAlive => true;

    public override bool IsForwardable => true;

    public override void Reject(Exception exception) => _completion.TrySetException(exception);

    protected override Task Start(GrainActivation activation) => _invoker.Invoke(activation.Grain, _arguments);

    protected override void OnTurnEnded(Task turn)
    {
        if (turn.IsCompletedSuccessfully)
        {
            _completion.TrySetResult(turn is Task<TResult> typed ? typed.Result : default!);
        }
        else if (turn.IsCanceled)
        {
            try
            {
                turn.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException exception)
            {
                _completion.TrySetCanceled(exception.CancellationToken);
            }
        }
        else
        {
            _completion.TrySetException(turn.Exception!.InnerExceptions);
        }
    }
}
