using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Import;

namespace Monitor.Api;

/// <summary>
/// The items of <c>POST /api/accounts/batch</c>, checked one by one: each is a <see cref="CreateAccountRequest"/> with a
/// valid key and profile, or invalid with the field and why. An account appears once per batch: a later item with the same
/// account (after canonicalisation) is invalid, pointing at the first, so a batch's outcome never depends on call order.
/// </summary>
internal sealed class AccountBatchItems
{
    private AccountBatchItems(List<(int Index, string Key, AccountProfile Profile)> valid, List<AccountBatchItemResult> invalid)
    {
        Valid = valid;
        Invalid = invalid;
    }

    /// <summary>The items to register: index in the request, canonical key, profile (the default for none).</summary>
    public List<(int Index, string Key, AccountProfile Profile)> Valid { get; }

    /// <summary>The items refused, with their reasons.</summary>
    public List<AccountBatchItemResult> Invalid { get; }

    /// <summary>Checks every element of <paramref name="array"/> (a JSON array).</summary>
    public static AccountBatchItems Check(JsonElement array, JsonSerializerOptions options)
    {
        var valid = new List<(int, string, AccountProfile)>();
        var invalid = new List<AccountBatchItemResult>();
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var (key, profile, refusal) = Read(element, options);
            if (refusal is not null)
            {
                invalid.Add(refusal with { Index = index });
            }
            else if (!firstIndex.TryAdd(key!, index))
            {
                invalid.Add(new AccountBatchItemResult(index, key, AccountBatchStatuses.Invalid, "key",
                    $"duplicate of item {firstIndex[key!]}: an account appears at most once per batch"));
            }
            else
            {
                valid.Add((index, key!, profile!));
            }

            index++;
        }

        return new AccountBatchItems(valid, invalid);
    }

    private static (string? Key, AccountProfile? Profile, AccountBatchItemResult? Refusal) Read(JsonElement element, JsonSerializerOptions options)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, null, Refused(null, "item", $"must be an object with key and profile, got {element.ValueKind.ToString().ToLowerInvariant()}"));
        }

        CreateAccountRequest? item;
        try
        {
            item = element.Deserialize<CreateAccountRequest>(options);
        }
        catch (JsonException ex)
        {
            return (null, null, Refused(KeyOf(element), ex.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "item", ApiProblems.WithoutJsonPosition(ex.Message)));
        }

        if (!AccountKeyRule.TryCanonicalize(item?.Key, out var key, out var reason))
        {
            return (null, null, Refused(item?.Key, "key", reason));
        }

        var profile = item!.Profile ?? new AccountProfile();
        return AccountProfileRule.TryValidate(profile, out var field, out _, out var tooLarge)
            ? (key, profile, null)
            : (null, null, Refused(key, $"profile.{field}", tooLarge));
    }

    private static string? KeyOf(JsonElement element) =>
        element.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : null;

    private static AccountBatchItemResult Refused(string? key, string field, string reason) =>
        new(-1, key, AccountBatchStatuses.Invalid, field, reason);
}
