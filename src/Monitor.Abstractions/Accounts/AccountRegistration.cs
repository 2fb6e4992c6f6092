using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>What <see cref="IAccountGrain.RegisterAsync"/> did, and the account's summary afterwards.</summary>
[GenerateSerializer, Immutable, Alias("monitor.AccountRegistration")]
public sealed record AccountRegistration([property: Id(0)] RegistrationOutcome Outcome, [property: Id(1)] AccountSummary Summary);
