using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Accounts;
using Monitor.AccessControl;
using Monitor.Core;
using Monitor.Import;
using Orleans;

namespace Monitor.Api;

/// <summary>Accounts: register, list, read, update and remove them; their summary and history.</summary>
public static class AccountEndpoints
{
    /// <summary>Largest page the account list returns.</summary>
    public const int MaxPageSize = 1000;


    /// <summary>Maps <c>/api/accounts</c>.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var accounts = routes.MapGroup("/api/accounts").WithTags("Accounts");
        var profileLimits =
            $"Profile bounds (400 beyond them): handle at most {AccountProfileLimits.MaxHandleLength} characters, displayName at most " +
            $"{AccountProfileLimits.MaxDisplayNameLength}, at most {AccountProfileLimits.MaxListCount} groups and {AccountProfileLimits.MaxListCount} tags " +
            $"of at most {AccountProfileLimits.MaxNameLength} characters each.";
        accounts.MapAdminPost<CreateAccountRequest>("/", CreateAsync, "Registers an account; 409 if it exists.").WithDescription(profileLimits);
        accounts.MapAdminPost<IReadOnlyList<CreateAccountRequest>>("/batch", RegisterBatchAsync,
                "Creates or updates many accounts at once, like PUT /api/accounts/{key} for each item; one result per item.")
            .Produces<AccountBatchResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithDescription(
                $"A JSON array of {{key, profile}} items, at most {AccountBatchLimits.MaxItems:N0} items and {AccountBatchLimits.MaxBodyBytes / (1024 * 1024)} MiB (413 problem beyond). " +
                "Each item's status is created, updated, unchanged (the stored profile is the same: nothing written) or invalid (with field and reason); " +
                "an account appears at most once per batch (a later item with the same account is invalid). An item reported created or updated is durable. " +
                "A body that is not a JSON array is 400. Repeating a batch is safe: what it stored is reported unchanged. " + profileLimits);
        accounts.MapReaderGet("/", ListAsync, "Lists accounts with paging and filters.");
        accounts.MapReaderGet("/{key}", GetSummaryAsync, "The account's summary.");
        accounts.MapAdminPut<AccountProfile>("/{key}", PutAsync, "Creates or updates an account's profile.").WithDescription(profileLimits);
        accounts.MapAdminDelete("/{key}", DeleteAsync, "Stops monitoring an account and removes its state.");
        accounts.MapReaderGet("/{key}/summary", GetSummaryAsync, "The account's summary.");
        accounts.MapReaderGet("/{key}/history", GetHistoryAsync,
                "The account's history as JSON, or as CSV in the import's generic format (account,timestamp,followers,following,posts) with Accept: text/csv or format=csv.")
            .Produces<IReadOnlyList<HistoryPoint>>(StatusCodes.Status200OK, "application/json", "text/csv");
        return routes;
    }

    private static async Task<Results<Created<AccountSummary>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateAccountRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (!AccountKeyRule.TryCanonicalize(body!.Key, out var grainKey, out var reason))
        {
            return ApiProblems.InvalidField("key", body.Key, reason);
        }

        if (body.Profile is { } created && !AccountProfileRule.TryValidate(created, out var field, out var value, out var tooLarge))
        {
            return ApiProblems.InvalidField($"profile.{field}", value, tooLarge);
        }

        var grain = grains.GetGrain<IAccountGrain>(grainKey);
        if (await grain.GetSummaryAsync() is not null)
        {
            return ApiProblems.AlreadyExists("Account", grainKey);
        }

        var summary = await grain.ConfigureAsync(body.Profile ?? new AccountProfile());
        return TypedResults.Created($"/api/accounts/{Uri.EscapeDataString(summary.Account)}", summary);
    }

    private static async Task<Results<Ok<AccountBatchResult>, ProblemHttpResult>> RegisterBatchAsync(HttpRequest request, IGrainFactory grains)
    {
        if (!request.HasJsonContentType())
        {
            return ApiProblems.UnsupportedMediaType(request.ContentType, "application/json (an array of {key, profile})");
        }

        if (!RequestCharset.IsUtf8(request.ContentType))
        {
            return ApiProblems.UnsupportedCharset(RequestCharset.Declared(request.ContentType), "utf-8 (JSON is always UTF-8)");
        }

        using var body = new PooledByteBuffer(request.ContentLength is { } length and > 0 and < AccountBatchLimits.MaxBodyBytes ? (int)length + 1 : 16 * 1024);
        if (!await ObservationEndpoints.ReadLimitedBodyAsync(request, body, AccountBatchLimits.MaxBodyBytes))
        {
            return ApiProblems.TooLarge($"The body is larger than {AccountBatchLimits.MaxBodyBytes} bytes; split the batch.", AccountBatchLimits.MaxBodyBytes);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.WrittenMemory);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}, position {ex.BytePositionInLine + 1}" : "the end of the body";
            return ApiProblems.MalformedJson(where, ApiProblems.WithoutJsonPosition(ex.Message));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return TypedResults.Problem(title: "Invalid batch", detail: "The body must be a JSON array of {key, profile} items.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (root.GetArrayLength() > AccountBatchLimits.MaxItems)
            {
                return ApiProblems.TooLarge($"The batch has {root.GetArrayLength()} items, more than {AccountBatchLimits.MaxItems}; split it.", AccountBatchLimits.MaxItems);
            }

            if (root.GetArrayLength() == 0)
            {
                return TypedResults.Problem(title: "Empty batch", detail: "The batch holds no accounts.", statusCode: StatusCodes.Status400BadRequest);
            }

            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var items = AccountBatchItems.Check(root, options);
            var registered = await Task.WhenAll(items.Valid.Select(item => RegisterAsync(grains, item.Index, item.Key, item.Profile)));
            return TypedResults.Ok(AccountBatchResult.Of([.. registered.Concat(items.Invalid).OrderBy(result => result.Index)]));
        }
    }

    // A profile the grain refuses (detector overrides out of range) makes the item invalid; any other failure fails the
    // request, whose retry is safe: what was stored comes back unchanged.
    private static async Task<AccountBatchItemResult> RegisterAsync(IGrainFactory grains, int index, string key, AccountProfile profile)
    {
        try
        {
            var registration = await grains.GetGrain<IAccountGrain>(key).RegisterAsync(profile);
            return new AccountBatchItemResult(index, key, AccountBatchStatuses.Of(registration.Outcome));
        }
        catch (ArgumentException ex)
        {
            return new AccountBatchItemResult(index, key, AccountBatchStatuses.Invalid, ex.ParamName is { } name ? $"profile.{name}" : "profile", ArgumentMessage.Of(ex));
        }
    }

    private static async Task<Results<Ok<AccountPage>, ValidationProblem>> ListAsync(
        IAccountDirectory directory,
        string? platform,
        string? group,
        string? tag,
        string? text,
        int? offset,
        int? limit,
        CancellationToken cancellationToken)
    {
        if (offset is < 0)
        {
            return ApiProblems.InvalidField("offset", offset, "must be 0 or more");
        }

        if (ApiProblems.InvalidPageSize(limit, MaxPageSize) is { } badLimit)
        {
            return badLimit;
        }

        var query = new AccountListQuery(platform, group, tag, text, offset ?? 0, limit ?? 100);
        return TypedResults.Ok(await directory.ListAsync(query, cancellationToken));
    }

    private static async Task<Results<Ok<AccountSummary>, ProblemHttpResult, ValidationProblem>> GetSummaryAsync(string key, IGrainFactory grains)
    {
        if (!AccountKeyRule.TryCanonicalize(key, out var grainKey, out var reason))
        {
            return ApiProblems.InvalidField("key", key, reason);
        }

        var summary = await grains.GetGrain<IAccountGrain>(grainKey).GetSummaryAsync();
        return summary is null ? ApiProblems.NotFound("Account", key) : TypedResults.Ok(summary);
    }

    private static async Task<Results<Ok<AccountSummary>, Created<AccountSummary>, ProblemHttpResult, ValidationProblem>> PutAsync(
        string key, HttpRequest request, IGrainFactory grains)
    {
        if (!AccountKeyRule.TryCanonicalize(key, out var grainKey, out var reason))
        {
            return ApiProblems.InvalidField("key", key, reason);
        }

        var (profile, problem) = await JsonBody.ReadAsync<AccountProfile>(request, optional: true);
        if (problem is not null)
        {
            return problem;
        }

        if (profile is not null && !AccountProfileRule.TryValidate(profile, out var field, out var value, out var tooLarge))
        {
            return ApiProblems.InvalidField(field, value, tooLarge);
        }

        var (outcome, summary) = await grains.GetGrain<IAccountGrain>(grainKey).RegisterAsync(profile ?? new AccountProfile());
        return outcome == RegistrationOutcome.Created
            ? TypedResults.Created($"/api/accounts/{Uri.EscapeDataString(summary.Account)}", summary)
            : TypedResults.Ok(summary);
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> DeleteAsync(string key, IGrainFactory grains)
    {
        if (!AccountKeyRule.TryCanonicalize(key, out var grainKey, out var reason))
        {
            return ApiProblems.InvalidField("key", key, reason);
        }

        return await grains.GetGrain<IAccountGrain>(grainKey).RemoveAsync()
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("Account", key);
    }

    private static async Task<IResult> GetHistoryAsync(
        string key,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? resolution,
        string? format,
        HttpRequest request,
        IGrainFactory grains)
    {
        if (HistoryRequest.TryCreate(key, resolution, from, to, out var history) is { } problem)
        {
            return problem;
        }

        if (format is not null && format is not ("csv" or "json"))
        {
            return ApiProblems.InvalidField("format", format, "must be json or csv");
        }

        if (await history.ReadAsync(grains) is not { } points)
        {
            return ApiProblems.NotFound("Account", key);
        }

        if (HistoryNote.Describe(history.Resolution, points) is { } note)
        {
            request.HttpContext.Response.Headers[HistoryNote.HeaderName] = note;
        }

        var wantsCsv = format == "csv"
            || (format is null && request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)));
        return wantsCsv
            ? TypedResults.Text(FormatCsv(history.Account, points), "text/csv", Encoding.UTF8)
            : TypedResults.Ok(points);
    }

    // The import's generic format, so an export can be imported again (into this silo or another).
    private static string FormatCsv(string account, IReadOnlyList<HistoryPoint> points)
    {
        var csv = new StringBuilder(ObservationCsvReader.GenericHeader).Append('\n');
        foreach (var point in points)
        {
            csv.Append(account).Append(',')
                .Append(point.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',')
                .Append(point.Followers.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(point.Following?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(point.Posts?.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }
}
