using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Entities;
using Monitor.Core.Entities;
using Orleans;

namespace Monitor.Import;

/// <summary>
/// Imports CSV rows into the account grains inside the silo. Rows are gathered into windows of <c>windowRows</c>; a window
/// becomes one grain call per account (so a long history goes in large batches through the same path as every other
/// observation: history, log, detector, checkpoint), and the next window is parsed while the previous one is stored.
/// At most two windows are held, so memory is flat in the file's size. Re-importing stores nothing twice: the grains
/// count the points they already hold as duplicates. Seed rows register their accounts (with their groups) first,
/// when <c>mayRegisterAccounts</c>; otherwise their observations are refused like any unknown account's. A row timed after
/// <c>latestAllowed</c> is refused as in the future, as JSON ingest refuses it (<c>Monitor:Ingest:MaxClockSkew</c>).
/// </summary>
public sealed class ObservationImporter(IGrainFactory grains, int windowRows, bool mayRegisterAccounts, DateTimeOffset latestAllowed)
{
    /// <summary>The source recorded on imported observations.</summary>
    public const string Source = "csv-import";

    /// <summary>How many bad rows the summary lists (the first ones by line); all are counted.</summary>
    public const int MaxListedErrors = 100;

    // Groups this import has made sure each seed account has, so each account costs one grain call, not one per row.
    private readonly Dictionary<string, HashSet<string>> _seedGroups = new(StringComparer.Ordinal);
    private readonly List<ImportLineError> _errors = [];

    // The entity each seed account is linked to (the first line naming it), applied in one registry call at the end.
    private readonly Dictionary<string, (string Entity, int Line, string Account)> _entities = new(StringComparer.Ordinal);
    private int _linked;

    // An import names few accounts over many rows; at most this many spellings are kept, so memory stays flat.
    private readonly AccountKeyChecks _accountKeys = new(100_000);
    private long _rows;
    private int _registered;

    // Registrations of the round being read, by account: the last one of each account (each waits for the one before).
    private readonly Dictionary<string, Task> _registering = new(StringComparer.Ordinal);
    private long _accepted;
    private long _duplicates;
    private long _rejected;

    /// <summary>Reads every row of <paramref name="reader"/> and stores it; bad rows are reported by line and skipped.</summary>
    /// <exception cref="FormatException">The header is neither import format.</exception>
    public async Task<ImportSummary> ImportAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowRows, 1);
        var window = new ImportWindow();
        var storing = Task.CompletedTask;
        try
        {
            await foreach (var record in ObservationCsvReader.ReadAsync(reader, Source, OnBadRow, cancellationToken, _accountKeys))
            {
                Interlocked.Increment(ref _rows);
                var observation = record.Observation;
                if (!_accountKeys.TryCanonicalize(observation.Account, out var grainKey, out var reason))
                {
                    Reject(new ImportLineError(record.Line, observation.Account, "account", reason));
                    continue;
                }

                if (observation.Timestamp > latestAllowed)
                {
                    Reject(new ImportLineError(record.Line, observation.Account, "timestamp", ObservationTimestamp.InTheFuture(observation.Timestamp, latestAllowed)));
                    continue;
                }

                if (record.Seed is { } seed)
                {
                    var groups = _seedGroups.TryGetValue(grainKey, out var known) ? known.Union(seed.Groups).ToList() : seed.Groups;
                    if (!AccountProfileRule.TryValidate(seed.ToProfile() with { Groups = groups }, out var field, out _, out var tooLarge))
                    {
                        Reject(new ImportLineError(record.Line, observation.Account, field, tooLarge));
                        continue;
                    }

                    EnsureRegistered(grainKey, seed);
                    NoteEntity(grainKey, seed, record.Line, observation.Account);
                }

                window.Add(record.Line, grainKey, observation);
                if (window.Count == windowRows)
                {
                    await RegisteredAsync();
                    await storing;
                    storing = StoreAsync(window);
                    window = new ImportWindow();
                }
            }
        }
        catch
        {
            // A failed read (a dropped connection, cancellation) must not leave the round being stored unobserved.
            await storing.ContinueWith(static task => _ = task.Exception, TaskScheduler.Default);
            await RegisteredAsync().ContinueWith(static task => _ = task.Exception, TaskScheduler.Default);
            throw;
        }

        await RegisteredAsync();
        await storing;
        await StoreAsync(window);
        await LinkEntitiesAsync();
        List<ImportLineError> errors;
        lock (_errors)
        {
            errors = [.. _errors.OrderBy(error => error.Line).Take(MaxListedErrors)];
        }

        return new ImportSummary(_rows, _registered, _accepted, _duplicates, Interlocked.Read(ref _rejected), errors, _linked);
    }

    private void NoteEntity(string grainKey, SeedRow seed, int line, string account)
    {
        if (seed.Entity is not { } entity)
        {
            return;
        }

        if (!_entities.TryGetValue(grainKey, out var noted))
        {
            _entities[grainKey] = (entity, line, account);
        }
        else if (EntityIds.FromName(noted.Entity) != EntityIds.FromName(entity))
        {
            Reject(new ImportLineError(line, account, "entity", $"line {noted.Line} links this account to '{noted.Entity}'; an account belongs to at most one entity"));
        }
    }

    private async Task LinkEntitiesAsync()
    {
        if (_entities.Count == 0)
        {
            return;
        }

        if (!mayRegisterAccounts)
        {
            foreach (var (entity, line, account) in _entities.Values)
            {
                Reject(new ImportLineError(line, account, "entity", $"linking to entity '{entity}' needs the admin role; the account was not linked"));
            }

            return;
        }

        var assignments = _entities.ToList();
        var results = await grains.GetGrain<IEntityRegistryGrain>(IEntityRegistryGrain.Key)
            .AssignAsync([.. assignments.Select(assignment => new EntityAssignment(assignment.Value.Entity, assignment.Key))]);
        for (var i = 0; i < results.Count; i++)
        {
            var (entity, line, account) = assignments[i].Value;
            switch (results[i].Outcome)
            {
                case EntityOutcome.Done:
                    _linked++;
                    break;
                case EntityOutcome.AccountTaken:
                    Reject(new ImportLineError(line, account, "entity", $"the account belongs to entity '{results[i].OwnedBy}', not '{entity}'; an account belongs to at most one entity"));
                    break;
                case EntityOutcome.Full:
                    Reject(new ImportLineError(line, account, "entity", $"entity '{entity}' or the registry is full ({EntityLimits.MaxAccounts} accounts, {EntityLimits.MaxEntities} entities)"));
                    break;
            }
        }
    }

    private void OnBadRow(int line, string reason)
    {
        Interlocked.Increment(ref _rows);
        Reject(new ImportLineError(line, null, "row", reason));
    }

    private void Reject(ImportLineError error)
    {
        Interlocked.Increment(ref _rejected);
        lock (_errors)
        {
            _errors.Add(error);

            // Errors arrive out of line order (parsing runs ahead of storing), so trim to the first lines now and then.
            if (_errors.Count >= 4 * MaxListedErrors)
            {
                _errors.Sort((a, b) => a.Line.CompareTo(b.Line));
                _errors.RemoveRange(MaxListedErrors, _errors.Count - MaxListedErrors);
            }
        }
    }

    // Registrations run in parallel while the round is read, and the round is stored only after they complete, so no row
    // reaches an account before it is registered; one account's registrations run in file order.
    private void EnsureRegistered(string grainKey, SeedRow seed)
    {
        if (_seedGroups.TryGetValue(grainKey, out var ensured) && seed.Groups.All(ensured.Contains))
        {
            return;
        }

        ensured ??= new HashSet<string>(StringComparer.Ordinal);
        ensured.UnionWith(seed.Groups);
        _seedGroups[grainKey] = ensured;
        if (!mayRegisterAccounts)
        {
            return;
        }

        var groups = ensured.Order(StringComparer.Ordinal).ToList();
        var earlier = _registering.GetValueOrDefault(grainKey, Task.CompletedTask);
        _registering[grainKey] = RegisterAsync(earlier, grainKey, seed.ToProfile(), groups);
    }

    private async Task RegisterAsync(Task earlier, string grainKey, AccountProfile seedProfile, List<string> groups)
    {
        await earlier;
        var grain = grains.GetGrain<IAccountGrain>(grainKey);
        var existing = await grain.GetSummaryAsync();
        if (existing is null)
        {
            await grain.ConfigureAsync(seedProfile with { Groups = groups });
            Interlocked.Increment(ref _registered);
            return;
        }

        var stored = existing.Profile.Groups ?? [];
        if (!groups.All(stored.Contains))
        {
            // An existing account keeps its settings and gains the groups the file names.
            await grain.ConfigureAsync(existing.Profile with { Groups = [.. stored.Union(groups).Order(StringComparer.Ordinal)] });
        }
    }

    private async Task RegisteredAsync()
    {
        var registering = _registering.Values.ToList();
        _registering.Clear();
        await Task.WhenAll(registering);
    }

    // One grain call per account, all in parallel (AccountBatchRecorder.RecordAccountAsync retries each while its grain moves).
    private async Task StoreAsync(ImportWindow window)
    {
        if (window.Count == 0)
        {
            return;
        }

        await Task.WhenAll(window.Accounts.Select(account => StoreAccountAsync(account.Key, account.Value)));
    }

    private async Task StoreAccountAsync(string grainKey, ImportAccountRows rows)
    {
        var result = await AccountBatchRecorder.RecordAccountAsync(grains, grainKey, rows.Observations);
        Interlocked.Add(ref _accepted, result.Accepted);
        Interlocked.Add(ref _duplicates, result.Duplicates);
        foreach (var rejection in result.Rejected)
        {
            var line = rejection.Index >= 0 && rejection.Index < rows.Lines.Count ? rows.Lines[rejection.Index] : 0;
            Reject(new ImportLineError(line, rejection.Account, rejection.Field, rejection.Reason));
        }
    }
}
