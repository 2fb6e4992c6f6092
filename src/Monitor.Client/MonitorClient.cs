using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Abstractions.Annotations;
using Monitor.Abstractions.Groups;
using Monitor.Abstractions.Access;
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
    public async Task<AccountSummary?> FindAccountAsync(string key, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"api/accounts/{Uri.EscapeDataString(key)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<AccountSummary>(Json, cancellationToken)
            ?? throw new MonitorApiException($"The silo answered GET api/accounts/{key} with an empty body.");
    }

    /// <summary>Creates an account or replaces its whole profile; true when it was created.</summary>
    public async Task<bool> PutAccountAsync(string key, AccountProfile profile, CancellationToken cancellationToken = default) =>
        (await SaveAccountAsync(key, profile, cancellationToken)).Created;

    /// <summary>Creates an account or replaces its whole profile; the account's summary afterwards and whether it was created.</summary>
    public async Task<(AccountSummary Summary, bool Created)> SaveAccountAsync(string key, AccountProfile profile, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync($"api/accounts/{Uri.EscapeDataString(key)}", profile, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var summary = await response.Content.ReadFromJsonAsync<AccountSummary>(Json, cancellationToken)
            ?? throw new MonitorApiException($"The silo answered PUT api/accounts/{key} with an empty body.");
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
            using var response = await http.PostAsJsonAsync("api/accounts/batch", chunk, Json, cancellationToken);
            await EnsureSuccessAsync(response, cancellationToken);
            var result = await response.Content.ReadFromJsonAsync<AccountBatchResult>(Json, cancellationToken)
                ?? throw new MonitorApiException("The silo answered POST api/accounts/batch with an empty body.");
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

        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<RecordResult>(Json, cancellationToken)
            ?? throw new MonitorApiException("The silo answered an ingest with an empty body.");
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

        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<ImportSummary>(Json, cancellationToken)
            ?? throw new MonitorApiException("The silo answered an import with an empty body.");
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

    /// <summary>The alert feed (first page matching the query).</summary>
    public Task<AlertPage> QueryAlertsAsync(string query, CancellationToken cancellationToken = default) =>
        GetAsync<AlertPage>($"api/alerts?{query}", cancellationToken);

    /// <summary>The correlated incidents.</summary>
    public Task<List<Incident>> ListIncidentsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<Incident>>("api/incidents", cancellationToken);

    /// <summary>A group's ranking.</summary>
    public Task<List<RankingEntry>> GetRankingAsync(string group, string by, CancellationToken cancellationToken = default) =>
        GetAsync<List<RankingEntry>>($"api/groups/{Uri.EscapeDataString(group)}/ranking?by={Uri.EscapeDataString(by)}", cancellationToken);

    /// <summary>
    /// Follows the live alert stream from after <paramref name="afterSequence"/> (null: only new changes),
    /// reconnecting with Last-Event-ID when the connection drops, until cancelled.
    /// </summary>
    public async IAsyncEnumerable<AlertChange> FollowAlertsAsync(long? afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lastSeen = afterSequence;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/alerts/stream");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastSeen is { } sequence)
            {
                request.Headers.Add("Last-Event-ID", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }

            using (response)
            {
                await EnsureSuccessAsync(response, cancellationToken);
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                var parser = SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize<AlertChange>(data, Json));
                var enumerator = parser.EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                try
                {
                    while (true)
                    {
                        try
                        {
                            if (!await enumerator.MoveNextAsync())
                            {
                                break;
                            }
                        }
                        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                        {
                            break;
                        }

                        if (enumerator.Current.Data is { } change)
                        {
                            lastSeen = change.Sequence;
                            yield return change;
                        }
                    }
                }
                finally
                {
                    await enumerator.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Creates an API key (admin); the answer holds the secret, shown this once.</summary>
    public async Task<CreatedApiKey> CreateKeyAsync(CreateApiKeyRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/keys", request, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<CreatedApiKey>(Json, cancellationToken)
            ?? throw new MonitorApiException("The silo answered a key creation with an empty body.");
    }

    /// <summary>Every API key (admin), never their secrets.</summary>
    public Task<List<ApiKeyView>> ListKeysAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<ApiKeyView>>("api/keys", cancellationToken);

    /// <summary>Revokes an API key (admin); false when there is no such key.</summary>
    public Task<bool> RevokeKeyAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/keys/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>Annotations: all, or those drawn on an account's or a group's chart.</summary>
    public Task<List<Annotation>> ListAnnotationsAsync(string? account = null, string? group = null, CancellationToken cancellationToken = default)
    {
        var parameters = new List<string>();
        AddParameter(parameters, "account", account);
        AddParameter(parameters, "group", group);
        return GetAsync<List<Annotation>>(parameters.Count == 0 ? "api/annotations" : $"api/annotations?{string.Join('&', parameters)}", cancellationToken);
    }

    /// <summary>Adds a note (writer); the same note twice is stored once.</summary>
    public async Task<Annotation> AddAnnotationAsync(AnnotationRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/annotations", request, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<Annotation>(Json, cancellationToken)
            ?? throw new MonitorApiException("The silo answered a note with an empty body.");
    }

    /// <summary>Imports a JSON array of notes (writer), as read from <paramref name="json"/>; notes already stored are counted, not stored twice.</summary>
    public async Task<AnnotationImportResult> ImportAnnotationsAsync(Stream json, CancellationToken cancellationToken = default)
    {
        using var content = new StreamContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await http.PostAsync("api/annotations/import", content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<AnnotationImportResult>(Json, cancellationToken)
            ?? throw new MonitorApiException("The silo answered an import of notes with an empty body.");
    }

    /// <summary>Removes a note (writer); false when there is no such note.</summary>
    public Task<bool> RemoveAnnotationAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/annotations/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>Adds a silence (admin) and returns it as the silo stored it.</summary>
    public async Task<Silence> AddSilenceAsync(NewSilence silence, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/silences", silence, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<Silence>(Json, cancellationToken)
            ?? throw new MonitorApiException("The silo answered a silence with an empty body.");
    }

    /// <summary>Silences in force, or every silence kept (expired ones too) when <paramref name="all"/>.</summary>
    public Task<List<Silence>> ListSilencesAsync(bool all, CancellationToken cancellationToken = default) =>
        GetAsync<List<Silence>>(all ? "api/silences?state=all" : "api/silences", cancellationToken);

    /// <summary>Expires a silence now (admin); false when there is no such silence in force.</summary>
    public Task<bool> ExpireSilenceAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/silences/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>The caller's role and key as the silo sees them.</summary>
    public Task<WhoAmI> WhoAmIAsync(CancellationToken cancellationToken = default) =>
        GetAsync<WhoAmI>("api/auth/whoami", cancellationToken);

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new MonitorApiException($"The silo answered GET {path} with an empty body.");
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
