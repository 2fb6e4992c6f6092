using Monitor.Runtime.Activation;
using Monitor.Runtime.Reminders;

namespace Monitor.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime constructs it (through dependency injection) on the grain's first call,
/// loads its <see cref="IPersistentState{TState}"/> parameters, then calls <see cref="OnActivateAsync"/>.
/// </summary>
public abstract class Grain
{
    private readonly GrainActivation? _activation;

    /// <summary>Binds the grain to the activation being constructed; outside the runtime the grain has no context.</summary>
    protected Grain()
    {
        _activation = GrainActivation.Constructing;
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => Activation.GrainId;

    /// <summary>"type/key", for logs.</summary>
    public string IdentityString => GrainId.ToString();

    /// <summary>The factory for references to other grains (and to this one, through the runtime).</summary>
    protected IGrainFactory GrainFactory => Activation.Catalog.GrainFactory;

    private GrainActivation Activation => _activation
        ?? throw new InvalidOperationException($"{GetType().Name} was not created by the Monitor runtime; obtain grains through IGrainFactory.GetGrain.");

    /// <summary>Called after the state is loaded and before the first call runs.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called before the activation is dropped (idle, limit, request or shutdown); not called when the process dies.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates a timer whose ticks run as turns of this activation; it dies with the activation.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(callback, state, new GrainTimerCreationOptions(dueTime, period));

    /// <summary>Creates a timer with explicit options (interleaving, keep-alive).</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options) =>
        Activation.RegisterTimer(callback, state, options);

    /// <summary>Creates a timer without callback state.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(static (cb, ct) => cb(ct), callback, new GrainTimerCreationOptions(dueTime, period));
    }

    /// <summary>Creates a timer without callback state, with explicit options.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(static (cb, ct) => cb(ct), callback, options);
    }

    /// <summary>Deactivates this activation when the current turn ends; calls already queued go to a new activation.</summary>
    protected void DeactivateOnIdle() => Activation.DeactivateOnIdle();

    /// <summary>Keeps this activation from idle collection for at least <paramref name="timeSpan"/>; zero or negative cancels the delay.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => Activation.DelayDeactivation(timeSpan);

    /// <summary>Registers or updates a durable reminder; the grain must implement <see cref="IRemindable"/>.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Activation.Catalog.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period);

    /// <summary>Removes a reminder of this grain.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder) => Activation.Catalog.Reminders.UnregisterAsync(GrainId, reminder);

    /// <summary>The reminder with the given name, or null.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) => Activation.Catalog.Reminders.GetReminderAsync(GrainId, reminderName);

    /// <summary>All reminders of this grain.</summary>
    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => Activation.Catalog.Reminders.GetRemindersAsync(GrainId);
}
