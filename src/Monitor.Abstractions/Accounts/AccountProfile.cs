using System.ComponentModel.DataAnnotations;
using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>
/// What a team says about an account: how to show it, how to group it, how sensitive its detector is. Every field is
/// bounded (<see cref="AccountProfileLimits"/>; group and tag names at most 100 characters each).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.AccountProfile")]
public sealed record AccountProfile(
    [property: Id(0), MaxLength(AccountProfileLimits.MaxHandleLength)] string? Handle = null,
    [property: Id(1), MaxLength(AccountProfileLimits.MaxDisplayNameLength)] string? DisplayName = null,
    [property: Id(2), MaxLength(AccountProfileLimits.MaxListCount)] IReadOnlyList<string>? Groups = null,
    [property: Id(3), MaxLength(AccountProfileLimits.MaxListCount)] IReadOnlyList<string>? Tags = null,
    [property: Id(4)] DetectorOverrides? Detector = null);
