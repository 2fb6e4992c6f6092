using Orleans;
using Orleans.Concurrency;

namespace Monitor.Abstractions.Annotations;

/// <summary>Every annotation of the installation (one activation, key <see cref="Key"/>): few, small, read by every chart.</summary>
[Alias("monitor.IAnnotationsGrain")]
public interface IAnnotationsGrain : IGrainWithStringKey
{
    /// <summary>The grain's only key.</summary>
    const string Key = "all";

    /// <summary>Every annotation, oldest start first.</summary>
    [Alias("ListAsync")]
    [ReadOnly]
    Task<IReadOnlyList<Annotation>> ListAsync();

    /// <summary>Stores the annotations whose id is new; returns how many were stored (ids already present are skipped).</summary>
    [Alias("AddAsync")]
    Task<int> AddAsync(IReadOnlyList<Annotation> annotations);

    /// <summary>Removes an annotation; false when there is none with that id.</summary>
    [Alias("RemoveAsync")]
    Task<bool> RemoveAsync(string id);
}
