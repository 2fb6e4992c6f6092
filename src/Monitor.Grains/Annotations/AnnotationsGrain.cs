using Monitor.Abstractions.Annotations;

namespace Monitor.Grains.Annotations;

/// <summary>Holds the annotations in one persisted state; ids are content hashes, so importing a file twice stores nothing twice.</summary>
[GrainType("annotations")]
public sealed class AnnotationsGrain(
    [PersistentState("annotations", StorageServiceCollectionExtensions.DefaultProviderName)] IPersistentState<AnnotationsState> state)
    : Grain, IAnnotationsGrain
{
    /// <summary>Most annotations kept: notes for people, not a time series.</summary>
    public const int MaxAnnotations = 10_000;

    /// <inheritdoc />
    public Task<IReadOnlyList<Annotation>> ListAsync() =>
        Task.FromResult<IReadOnlyList<Annotation>>(state.State.Annotations.Values
            .OrderBy(annotation => annotation.Start)
            .ThenBy(annotation => annotation.Id, StringComparer.Ordinal)
            .ToList());

    /// <inheritdoc />
    public async Task<int> AddAsync(IReadOnlyList<Annotation> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var fresh = annotations.Where(annotation => !state.State.Annotations.ContainsKey(annotation.Id))
            .DistinctBy(annotation => annotation.Id)
            .ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        if (state.State.Annotations.Count + fresh.Count > MaxAnnotations)
        {
            throw new InvalidOperationException($"At most {MaxAnnotations} annotations are kept; remove some first.");
        }

        foreach (var annotation in fresh)
        {
            state.State.Annotations[annotation.Id] = annotation;
        }

        await state.WriteStateAsync();
        return fresh.Count;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string id)
    {
        if (!state.State.Annotations.Remove(id))
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }
}
