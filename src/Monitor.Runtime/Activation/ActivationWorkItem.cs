namespace Monitor.Runtime.Activation;

/// <summary>A turn waiting in an activation's queue: a grain call or a timer tick.</summary>
internal abstract class ActivationWorkItem
{
    private static readonly Action<Task, object?> TurnEndedCallback =
        static (turn, state) => ((ActivationWorkItem)state!).EndTurn(turn);

    private GrainActivation? _activation;
    private TurnKind _effectiveKind;

    /// <summary>How the turn may overlap others (before the grain class's reentrancy is applied).</summary>
    public abstract TurnKind Kind { get; }

    /// <summary>Whether the turn counts as activity for idle collection.</summary>
    public abstract bool KeepsAlive { get; }

    /// <summary>Whether the item goes to the next activation when this one deactivates before running it (calls do, timer ticks do not).</summary>
    public abstract bool IsForwardable { get; }

    /// <summary>Runs the turn on <paramref name="activation"/>, which has already counted it as running, and tells it when the turn ends.</summary>
    public void Run(GrainActivation activation, TurnKind effectiveKind)
    {
        _activation = activation;
        _effectiveKind = effectiveKind;
        var turn = Start(activation);
        if (turn.IsCompleted)
        {
            EndTurn(turn);
        }
        else
        {
            turn.ContinueWith(TurnEndedCallback, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Fails the item without running it (activation failed, silo stopping).</summary>
    public abstract void Reject(Exception exception);

    /// <summary>Starts the turn on the grain and returns the task that completes with it; never throws.</summary>
    protected abstract Task Start(GrainActivation activation);

    /// <summary>Called once the turn's task has completed, before the activation starts the next turn.</summary>
    protected virtual void OnTurnEnded(Task turn)
    {
    }

    private void EndTurn(Task turn)
    {
        OnTurnEnded(turn);
        _activation!.CompleteTurn(_effectiveKind, KeepsAlive);
    }
}
