namespace Monitor.Collectors.Clients;

/// <summary>Reads the counts of a batch of accounts of one platform; every target gets exactly one result, and a missing account is never 0 followers.</summary>
public interface IPlatformClient
{
    /// <summary>The platform this client reads.</summary>
    Platform Platform { get; }

    /// <summary>The most accounts one <see cref="PollAsync"/> call takes.</summary>
    int MaxBatchSize { get; }

    /// <summary>Polls <paramref name="targets"/>, asking <paramref name="gate"/> before every HTTP request; never throws for platform failures.</summary>
    Task<BatchPollResult> PollAsync(IReadOnlyList<PollTarget> targets, IRequestGate gate, DateTimeOffset now, CancellationToken cancellationToken = default);
}
