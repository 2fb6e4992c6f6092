using Orleans;
using Orleans.Runtime;

namespace Monitor.Storage;

/// <summary>Argument checks shared by the storage providers and reminder tables; each names the offending field and value.</summary>
internal static class StorageArguments
{
    public static void ValidateGrainId(GrainId grainId, bool forbidNul = false, string paramName = "grainId")
    {
        if (grainId.IsDefault)
        {
            throw new ArgumentException("The grain id must not be the default (empty) id.", paramName);
        }

        if (forbidNul && grainId.ToString().Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"GrainId '{grainId.ToString().Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character, which PostgreSQL text cannot store.", paramName);
        }
    }

    public static void ValidateName(string name, string paramName, bool forbidNul = false)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (name.Length == 0 || string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"{paramName} must not be empty or white space (was '{name}').", paramName);
        }

        if (forbidNul && name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{paramName} '{name.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character, which PostgreSQL text cannot store.", paramName);
        }
    }

    public static void ValidateStateCall<T>(string stateName, GrainId grainId, IGrainState<T> grainState, bool forbidNul = false)
    {
        ValidateName(stateName, nameof(stateName), forbidNul);
        ValidateGrainId(grainId, forbidNul);
        ArgumentNullException.ThrowIfNull(grainState);
    }

    public static void ValidateServiceId(string serviceId, string paramName)
    {
        if (string.IsNullOrWhiteSpace(serviceId))
        {
            throw new ArgumentException($"ServiceId must not be empty (was '{serviceId}').", paramName);
        }
    }

    public static void ValidateBatchLimits(int maxBatchSize, long maxBatchBytes, int maxConcurrentBatches, string optionsName)
    {
        if (maxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException($"{optionsName}.MaxBatchSize", maxBatchSize, "A batch must hold at least one operation.");
        }

        if (maxBatchBytes < 1)
        {
            throw new ArgumentOutOfRangeException($"{optionsName}.MaxBatchBytes", maxBatchBytes, "The batch byte limit must be positive.");
        }

        if (maxConcurrentBatches < 1)
        {
            throw new ArgumentOutOfRangeException($"{optionsName}.MaxConcurrentBatches", maxConcurrentBatches, "At least one batch must be able to run.");
        }
    }
}
