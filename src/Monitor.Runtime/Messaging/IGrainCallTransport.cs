using Monitor.Runtime.References;

namespace Monitor.Runtime.Messaging;

/// <summary>Delivers a grain call to the silo that owns the grain; the seam where silo-to-silo forwarding plugs in.</summary>
internal interface IGrainCallTransport
{
    /// <summary>Delivers the call and returns a task typed like the method's result that completes with the grain's answer.</summary>
    Task SendAsync(SiloAddress target, GrainId grainId, GrainMethodInvoker method, object?[] arguments);
}
