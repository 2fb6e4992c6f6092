using System.Diagnostics.CodeAnalysis;
using Orleans;

namespace Monitor.Storage.Tests;

/// <summary>
/// The state holder a grain hands to its storage provider. Orleans' own <see cref="GrainState{T}"/> declares its state
/// nullable; this one keeps <typeparamref name="T"/> as given, so the tests read the state without null checks.
/// </summary>
public sealed class TestGrainState<T>(T state) : IGrainState<T>
{
    // Orleans lets a provider store null; the providers under test never do for these states.
    [AllowNull]
    public T State { get; set; } = state;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
