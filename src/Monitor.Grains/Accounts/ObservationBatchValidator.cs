using Monitor.Abstractions.Accounts;
using Monitor.Core;
using Monitor.Core.Accounts;
using Monitor.Core.History;

namespace Monitor.Grains.Accounts;

/// <summary>
/// Checks what callers send an account grain: a batch before it reaches the history (each observation names this account,
/// its resolution parses, its figures are valid; rejections keep the observation's index in the batch), and history queries.
/// </summary>
internal static class ObservationBatchValidator
{
    /// <summary>
    /// The valid observations as history samples (timestamps cut to whole seconds; checked by <see cref="Observation"/>'s rules
    /// without making one per row), the batch index of each, the rejections in batch order, and the count resolution the
    /// batch declares: that of the latest observation declaring one (a resolution is the source's, so it holds for the batch).
    /// <paramref name="account"/> is the grain key as addressed, <paramref name="key"/> its parsed form.
    /// </summary>
    public static (List<FollowerSample> Valid, List<int> BatchIndex, List<RejectedObservation> Rejected, CountResolution? Resolution) Validate(
        AccountKey key, string account, string grainKey, IReadOnlyList<ObservationInput> inputs, DateTimeOffset now)
    {
        var rejected = new List<RejectedObservation>();
        var valid = new List<FollowerSample>(inputs.Count);
        var batchIndex = new List<int>(inputs.Count);
        CountResolution? declared = null;
        var declaredAt = DateTimeOffset.MinValue;
        for (var index = 0; index < inputs.Count; index++)
        {
            var input = inputs[index];
            if (input is null)
            {
                rejected.Add(new RejectedObservation(index, null, "observation", "missing observation"));
                continue;
            }

            // The usual observation names the grain's own key exactly, which is valid by construction: no parse needed.
            var inputKey = key;
            if (!string.Equals(input.Account, account, StringComparison.Ordinal) && !AccountKey.TryParse(input.Account, out inputKey, out var error))
            {
                rejected.Add(new RejectedObservation(index, input.Account, "account", error));
                continue;
            }

            if (inputKey != key)
            {
                rejected.Add(new RejectedObservation(index, input.Account, "account", $"observation of '{input.Account}' sent to account '{grainKey}'"));
                continue;
            }

            CountResolution? resolution = null;
            if (input.Resolution is { } resolutionText)
            {
                if (!CountResolution.TryParse(resolutionText, out var parsed, out var resolutionError))
                {
                    rejected.Add(new RejectedObservation(index, input.Account, "resolution", resolutionError));
                    continue;
                }

                resolution = parsed;
            }

            try
            {
                var sample = Observation.ValidSample(AccountDtoMapping.ToSeconds(input.Timestamp), input.Followers, input.Following, input.Posts, input.Source, now);
                valid.Add(sample);
                batchIndex.Add(index);
                if (resolution is not null && sample.Timestamp >= declaredAt)
                {
                    (declared, declaredAt) = (resolution, sample.Timestamp);
                }
            }
            catch (ArgumentException ex)
            {
                rejected.Add(new RejectedObservation(index, input.Account, FieldName(ex.ParamName), ArgumentMessage.Of(ex)));
            }
        }

        return (valid, batchIndex, rejected, declared);
    }

    private static string FieldName(string? paramName) => paramName switch
    {
        null or "" => "observation",
        _ => char.ToLowerInvariant(paramName[0]) + paramName[1..],
    };

    /// <summary>Every observation of a batch sent to an account that is not configured, rejected.</summary>
    public static RecordResult RejectUnknownAccount(IReadOnlyList<ObservationInput> inputs, string grainKey) =>
        new(0, 0, inputs.Select((input, index) => new RejectedObservation(index, input?.Account, "account", $"unknown account: '{grainKey}' is not configured")).ToList());

    /// <summary>Throws when a history query's range or resolution is invalid.</summary>
    public static void ValidateHistoryQuery(DateTimeOffset from, DateTimeOffset to, HistoryResolution resolution)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The end of the range must not be before its start ({from:O}).");
        }

        if (!Enum.IsDefined(resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Must be raw, hour or day.");
        }
    }
}
