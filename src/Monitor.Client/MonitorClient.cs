using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Groups;
using Monitor.Abstractions.Http;
using Monitor.Abstractions.Import;

namespace Monitor.Client;

/// <summary>
/// The silo's HTTP API as the command line, the demo, tests and benchmarks call it, over an <see cref="HttpClient"/> whose
/// base address is the silo's (and which carries the API key, if any). An error answer throws <see cref="MonitorApiException"/>.
/// </summary>
public sealed partial class MonitorClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = ApiConventions.Json;

    /// <summary>The JSON options matching the API's conventions.</summary>
    public static JsonSerializerOptions JsonOptions => Json;

    /// <summary>An account's summary (with its profile), or null when no such account is registered.</summary>
    public Task<AccountSummary?> FindAccountAsync(string key, CancellationToken cancellationToken = default) =>
        FindAsync<AccountSummary>($"api/accounts/{Uri.EscapeDataString(key)}", cancellationToken);

    /// <summary>Creates an account or replaces its whole profile; true when it was created.</summary>
    public async Task<bool> PutAccountAsync(string key, AccountProfile profile, CancellationToken cancellationToken = default) =>
        (await SaveAccountAsync(key, profile, cancellationToken)).Created;

    /// <summary>Creates an account or replaces its whole profile; the account's summary afterwards and whether it was created.</summary>
    public async Task<(AccountSummary Summary, bool Created)> SaveAccountAsync(string key, AccountProfile profile, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync($"api/accounts/{Uri.EscapeDataString(key)}", profile, Json, cancellationToken);
        var summary = await ReadAsync<AccountSummary>(response, cancellationToken);
        return (summary, response.StatusCode == HttpStatusCode.Created);
    }

    /// <summary>
    /// Creates or updates many accounts through <c>POST /api/accounts/batch</c>, <paramref name="perRequest"/> items a request
    /// (at most <see cref="AccountBatchLimits.MaxItems"/>); the results' indexes are positions in <paramref name="accounts"/>.
    /// A request that fails throws; sending the same accounts again is safe (what was stored comes back unchanged).
    /// </summary>
    public async Task<AccountBatchResult> RegisterAccountsAsync(
        IReadOnlyList<CreateAccountRequest> accounts, int perRequest = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentOutOfRangeException.ThrowIfLessThan(perRequest, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(perRequest, AccountBatchLimits.MaxItems);
        var items = new List<AccountBatchItemResult>(accounts.Count);
        for (var offset = 0; offset < accounts.Count; offset += perRequest)
        {
            var chunk = accounts.Skip(offset).Take(perRequest).ToList();
            var result = await PostAsync<List<CreateAccountRequest>, AccountBatchResult>("api/accounts/batch", chunk, cancellationToken);
            items.AddRange(result.Items.Select(item => item with { Index = item.Index + offset }));
        }

        return AccountBatchResult.Of(items);
    }

    /// <summary>Removes an account; false when it did not exist.</summary>
    public Task<bool> RemoveAccountAsync(string key, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/accounts/{Uri.EscapeDataString(key)}", cancellationToken);

    /// <summary>One page of the account list.</summary>
    public async Task<AccountPage> ListAccountsAsync(AccountListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<string> { $"offset={query.Offset}", $"limit={query.Limit}" };
        AddParameter(parameters, "platform", query.Platform);
        AddParameter(parameters, "group", query.Group);
        AddParameter(parameters, "tag", query.Tag);
        AddParameter(parameters, "text", query.Text);
        return await GetAsync<AccountPage>($"api/accounts?{string.Join('&', parameters)}", cancellationToken);
    }

    /// <summary>Posts a batch; the answer counts accepted, duplicate and rejected items (a batch refused whole throws).</summary>
    public async Task<RecordResult> PostObservationsAsync(IReadOnlyList<ObservationInput> batch, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/observations", batch, Json, cancellationToken);
        if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            // Every item was refused: the problem carries the same per-item list as a success would.
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var rejected = problem.RootElement.TryGetProperty("rejected", out var items)
                ? items.Deserialize<List<RejectedObservation>>(Json) ?? []
                : [];
            return new RecordResult(0, 0, rejected);
        }

        return await ReadAsync<RecordResult>(response, cancellationToken);
    }

    /// <summary>
    /// Streams a CSV file to <c>POST /api/import</c> and returns what the silo made of it (also when it stored no row);
    /// <paramref name="window"/> is the rows stored per round of grain calls (null: the silo's default). With the
    /// <paramref name="length"/> of the file known, the body goes with a Content-Length rather than chunked, which the
    /// silo reads with less work (a chunked body passes through a second, locked buffer in Kestrel).
    /// </summary>
    public async Task<ImportSummary> ImportAsync(Stream csv, int? window = null, long? length = null, CancellationToken cancellationToken = default)
    {
        using var content = new StreamContent(csv, 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        content.Headers.ContentLength = length;
        var path = window is { } rows ? $"api/import?window={rows}" : "api/import";
        using var response = await http.PostAsync(path, content, cancellationToken);
        if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            // No row was stored: the problem carries the same figures and line errors as a success would.
            return await response.Content.ReadFromJsonAsync<ImportSummary>(Json, cancellationToken)
                ?? throw new MonitorApiException("The silo answered an import with an empty problem.");
        }

        return await ReadAsync<ImportSummary>(response, cancellationToken);
    }

    /// <summary>
    /// Writes an account's history in the generic CSV format to <paramref name="output"/>, with the header line when
    /// <paramref name="withHeader"/>; false when the account does not exist.
    /// </summary>
    public async Task<bool> WriteHistoryCsvAsync(string key, string resolution, TextWriter output, bool withHeader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var response = await http.GetAsync(
            $"api/accounts/{Uri.EscapeDataString(key)}/history?format=csv&resolution={Uri.EscapeDataString(resolution)}",
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var first = true;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!first || withHeader)
            {
                await output.WriteLineAsync(line);
            }

            first = false;
        }

        return true;
    }

    /// <summary>A group's ranking.</summary>
    public Task<List<RankingEntry>> GetRankingAsync(string group, string by, CancellationToken cancellationToken = default) =>
        GetAsync<List<RankingEntry>>($"api/groups/{Uri.EscapeDataString(group)}/ranking?by={Uri.EscapeDataString(by)}", cancellationToken);

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    // A GET of one thing: null when the silo has none (404).
    private async Task<T?> FindAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<TResult> PostAsync<TBody, TResult>(string path, TBody body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, Json, cancellationToken);
        return await ReadAsync<TResult>(response, cancellationToken);
    }

    // A DELETE: true when the silo removed the thing, false when it had none (404); anything else unsuccessful throws.
    private async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(path, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    // The JSON body of a successful answer; an error answer, or one without a body, throws.
    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new MonitorApiException($"The silo answered {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} with an empty body.");
    }

    private static void AddParameter(List<string> parameters, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parameters.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            using var problem = JsonDocument.Parse(body);
            var title = problem.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
            message = $"{message}: {title}{(detail is null ? "" : $" - {detail}")}";
        }
        catch (JsonException)
        {
            message = $"{message}: {body}";
        }

        throw new MonitorApiException(response.StatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {message}");
    }
}
