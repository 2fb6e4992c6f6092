using System.Diagnostics;
using Microsoft.Extensions.Options;
using Monitor.Runtime.Configuration;
using Monitor.Runtime.References;
using Monitor.Runtime.Telemetry;

namespace Monitor.Runtime.Messaging;

/// <summary>
/// The caller's side of a grain call: locate the grain's silo, send the call, apply the response timeout,
/// record telemetry, and hand back the method's declared return type.
/// </summary>
internal sealed class GrainCallDispatcher
{
    private static readonly Action<Task, object?> CallObserved = static (call, state) => ((CallObservation)state!).Complete(call);

    private readonly IGrainLocator _locator;
    private readonly IGrainCallTransport _transport;
    private readonly TimeProvider _timeProvider;
    private readonly RuntimeInstruments _instruments;
    private readonly TimeSpan _responseTimeout;

    public GrainCallDispatcher(
        IGrainLocator locator,
        IGrainCallTransport transport,
        IOptions<SiloMessagingOptions> options,
        TimeProvider timeProvider,
        RuntimeInstruments instruments)
    {
        _locator = locator;
        _transport = transport;
        _timeProvider = timeProvider;
        _instruments = instruments;
        _responseTimeout = options.Value.ResponseTimeout;
        if (_responseTimeout <= TimeSpan.Zero && _responseTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(
                $"{nameof(SiloMessagingOptions)}.{nameof(SiloMessagingOptions.ResponseTimeout)}", _responseTimeout, "The response timeout must be positive or infinite.");
        }
    }

    /// <summary>Dispatches one call and returns it as the method's declared return type.</summary>
    public object Invoke(GrainId grainId, GrainMethodInvoker method, object?[] arguments)
    {
        _instruments.Calls.Add(1, new KeyValuePair<string, object?>("method", method.Name));
        Activity? callerActivity = null;
        CallObservation? observation = null;
        if (_instruments.ObservesCalls)
        {
            callerActivity = Activity.Current;
            observation = new CallObservation(_instruments, method, grainId);
        }

        Task call;
        try
        {
            var location = _locator.LocateAsync(grainId);
            call = location.IsCompletedSuccessfully
                ? _transport.SendAsync(location.Result, grainId, method, arguments)
                : SendWhenLocated(location.AsTask(), grainId, method, arguments);
        }
        catch (Exception exception)
        {
            call = method.FromException(exception);
        }

        if (!call.IsCompleted && _responseTimeout != Timeout.InfiniteTimeSpan)
        {
            call = method.WithTimeout(call, _responseTimeout, _timeProvider);
        }

        if (observation is not null)
        {
            if (call.IsCompleted)
            {
                observation.Complete(call);
            }
            else
            {
                call.ContinueWith(CallObserved, observation, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            // The call's activity was current while the call started (so that a grain running inline sees it as parent); the caller keeps its own.
            Activity.Current = callerActivity;
        }

        return method.ToReturnValue(call);
    }

    // Kept out of Invoke so that the closure is allocated only when the locator is asynchronous.
    private Task SendWhenLocated(Task<SiloAddress> location, GrainId grainId, GrainMethodInvoker method, object?[] arguments) =>
        method.Then(location, () => _transport.SendAsync(location.Result, grainId, method, arguments));

    /// <summary>Latency, outcome and trace of one call, kept only while something listens.</summary>
    private sealed class CallObservation
    {
        private readonly RuntimeInstruments _instruments;
        private readonly GrainMethodInvoker _method;
        private readonly long _started;
        private readonly Activity? _activity;

        public CallObservation(RuntimeInstruments instruments, GrainMethodInvoker method, GrainId grainId)
        {
            _instruments = instruments;
            _method = method;
            _started = Stopwatch.GetTimestamp();
            _activity = RuntimeInstruments.ActivitySource.StartActivity(method.Name, ActivityKind.Client);
            if (_activity is not null)
            {
                _activity.SetTag("rpc.system", "monitor");
                _activity.SetTag("rpc.service", method.Method.DeclaringType!.Name);
                _activity.SetTag("rpc.method", method.Method.Name);
                _activity.SetTag("monitor.grain.id", grainId.ToString());
            }
        }

        public void Complete(Task call)
        {
            var tag = new KeyValuePair<string, object?>("method", _method.Name);
            _instruments.CallDuration.Record(Stopwatch.GetElapsedTime(_started).TotalMilliseconds, tag);
            if (!call.IsCompletedSuccessfully)
            {
                _instruments.CallFailures.Add(1, tag);
                var exception = call.Exception?.InnerException;
                if (exception is TimeoutException)
                {
                    _instruments.CallTimeouts.Add(1, tag);
                }

                _activity?.SetStatus(ActivityStatusCode.Error, exception?.Message ?? "cancelled");
            }

            _activity?.Dispose();
        }
    }
}
