using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Import;
using Monitor.Hosting;
using Monitor.Import;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary>
/// What a security probe sent (issue #16): text that is not text, charsets, times beyond the clock-skew limit or the
/// offset range, and values that reach the domain's own checks. Each is a precise 4xx or a per-item rejection, never a
/// 5xx, and the valid items beside it are stored.
/// </summary>
public sealed class HostileInputTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    private static readonly DateTimeOffset Day = new(2024, 9, 28, 0, 0, 0, TimeSpan.Zero);

    private RunningSilo Silo => fixture.Silo;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>One item's fields as raw JSON bytes (ACCOUNT is the placeholder), and the field it must be refused for.</summary>
    public static TheoryData<string, string> NotText => new()
    {
        { "\"account\":\"ACCOUNT\",\"timestamp\":\"2024-09-29T00:00:00Z\",\"followers\":5,\"source\":\"\\xff\"", "source" },
        { "\"account\":\"ACCOUNT\",\"timestamp\":\"2024-09-29T00:00:00Z\",\"followers\":5,\"source\":\"a\\\\ud800\"", "source" },
        { "\"account\":\"x:\\xff\\xfe\",\"timestamp\":\"2024-09-29T00:00:00Z\",\"followers\":5", "account" },
        { "\"account\":\"x:\\\\udc00\",\"timestamp\":\"2024-09-29T00:00:00Z\",\"followers\":5", "account" },
        { "\"account\":\"ACCOUNT\",\"timestamp\":\"2024-09-29T00:00:00\\xffZ\",\"followers\":5", "timestamp" },
        { "\"account\":\"ACCOUNT\",\"timestamp\":\"2024-09-29\\\\ud800\",\"followers\":5", "timestamp" },
        { "\"account\":\"ACCOUNT\",\"timestamp\":\"2024-09-29T00:00:00Z\",\"followers\":\"\\xff\"", "followers" },
        { "\"account\":\"ACCOUNT\",\"timestamp\":\"2024-09-29T00:00:00Z\",\"followers\":\"\\\\ud800\"", "followers" },
    };

    [Theory]
    [MemberData(nameof(NotText))]
    public async Task Invalid_utf8_or_a_lone_surrogate_is_a_per_item_rejection_in_a_json_array(string fields, string field)
    {
        var account = await RegisterAsync();
        var body = Concat("[", Item(account, Day, 1_000), ",{", Bytes(fields, account), "}]");

        var result = await PostOkAsync(body, "application/json");

        Assert.Equal(1, result.Accepted);
        var rejection = Assert.Single(result.Rejected);
        Assert.Equal((1, field), (rejection.Index, rejection.Field));
        Assert.Contains("not valid text", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal([(Day, 1_000L)], await StoredAsync(account));
    }

    [Theory]
    [MemberData(nameof(NotText))]
    public async Task Invalid_utf8_or_a_lone_surrogate_is_a_per_item_rejection_in_ndjson(string fields, string field)
    {
        var account = await RegisterAsync();
        var body = Concat(Item(account, Day, 1_000), "\n{", Bytes(fields, account), "}\n");

        var result = await PostOkAsync(body, "application/x-ndjson");

        Assert.Equal((1, field), (Assert.Single(result.Rejected).Index, result.Rejected[0].Field));
        Assert.Equal([(Day, 1_000L)], await StoredAsync(account));
    }

    [Fact]
    public async Task A_date_only_timestamp_is_midnight_utc_in_json_as_in_csv_import()
    {
        var json = await RegisterAsync();
        var csv = await RegisterAsync();

        var result = await PostOkAsync(Encoding.UTF8.GetBytes($$"""[{"account":"{{json}}","timestamp":"2024-10-10","followers":7}]"""), "application/json");
        var imported = await ImportAsync($"{ObservationCsvReader.GenericHeader}\n{csv},2024-10-10,7,,\n", "text/csv");

        Assert.Equal((1, 1L), (result.Accepted, imported.Accepted));
        var midnight = new DateTimeOffset(2024, 10, 10, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal([(midnight, 7L)], await StoredAsync(json));
        Assert.Equal([(midnight, 7L)], await StoredAsync(csv));
    }

    [Fact]
    public async Task Csv_import_refuses_a_row_beyond_the_ingest_clock_skew_as_json_ingest_does()
    {
        var account = await RegisterAsync();
        var ahead = DateTimeOffset.UtcNow.AddHours(15);
        var csv = $"{ObservationCsvReader.GenericHeader}\n{account},2024-01-01T00:00:00Z,100,,\n{account},{ahead:yyyy-MM-ddTHH:mm:ssZ},200,,\n";

        var summary = await ImportAsync(csv, "text/csv");
        using var json = await PostAsync(Encoding.UTF8.GetBytes($"[{JsonSerializer.Serialize(new { account, timestamp = ahead, followers = 200 })}]"), "application/json");

        Assert.Equal((1L, 1L), (summary.Accepted, summary.Rejected));
        var error = Assert.Single(summary.Errors);
        Assert.Equal((3, "timestamp"), (error.Line, error.Field));
        Assert.Contains("in the future", error.Reason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, json.StatusCode);
        Assert.Equal([(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), 100L)], await StoredAsync(account));
    }

    [Fact]
    public async Task A_csv_body_in_iso_8859_1_is_decoded_as_declared()
    {
        var handle = $"cafe{Random.Shared.Next(1_000_000, 9_999_999)}";
        var csv = $"{SeedRow.Header}\nx,{handle},Café Ünal,,2024-01-01,100,\n";

        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(csv));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv; charset=iso-8859-1");
        using var response = await Silo.Http.PostAsync("api/import", content, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await Silo.GetAsync<AccountSummary>($"api/accounts/x:@{handle}");
        Assert.Equal("Café Ünal", summary.Profile.DisplayName);
    }

    [Theory]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/x-ndjson; charset=utf-16")]
    public async Task A_json_body_in_another_charset_than_utf8_is_415_with_a_detail(string contentType)
    {
        var account = await RegisterAsync();

        using var response = await PostAsync(Item(account, Day, 5), contentType);

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("charset", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(account));
    }

    [Theory]
    [InlineData("2024-09-28T00:00:00+14:59", "offset beyond ±14:00")]
    [InlineData("2024-09-28T00:00:00-15:00", "offset beyond ±14:00")]
    [InlineData("0001-01-01T00:00:00Z", "before 2006-01-01")]
    public async Task A_timestamp_out_of_range_is_refused_in_words_without_exception_text(string timestamp, string expected)
    {
        var account = await RegisterAsync();
        var body = Encoding.UTF8.GetBytes($$"""[{{Encoding.UTF8.GetString(Item(account, Day, 1))}},{"account":"{{account}}","timestamp":"{{timestamp}}","followers":2}]""");

        var result = await PostOkAsync(body, "application/json");

        var rejection = Assert.Single(result.Rejected);
        Assert.Equal("timestamp", rejection.Field);
        Assert.Contains(expected, rejection.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", rejection.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_method_an_endpoint_does_not_take_is_a_405_problem_with_a_detail()
    {
        using var response = await Silo.Http.DeleteAsync("api/observations", Cancellation);

        var problem = await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("POST", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/jsonl")]
    [InlineData("application/ndjson")]
    public async Task Every_ndjson_media_type_the_endpoint_lists_is_read(string contentType)
    {
        var account = await RegisterAsync();

        var result = await PostOkAsync(Concat(Item(account, Day, 3), "\n"), contentType);

        Assert.Equal(1, result.Accepted);
        Assert.Equal([(Day, 3L)], await StoredAsync(account));
    }

    [Fact]
    public async Task A_100_kb_key_in_the_path_is_a_414_problem_naming_the_limit()
    {
        using var response = await Silo.Http.GetAsync($"api/accounts/x:{new string('1', 100_000)}", Cancellation);

        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestUriTooLong);
        Assert.Equal(RequestTargetLimit.MaxTargetBytes, problem.GetProperty("limit").GetInt32());
        Assert.Contains($"at most {RequestTargetLimit.MaxTargetBytes}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_just_within_the_limit_reaches_its_endpoint()
    {
        var prefix = "/api/accounts/x:";
        using var response = await Silo.Http.GetAsync($"api/accounts/x:{new string('1', RequestTargetLimit.MaxTargetBytes - prefix.Length)}", Cancellation);

        Assert.NotEqual(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"status {response.StatusCode}");
    }

    [Fact]
    public async Task Past_kestrels_raised_line_limit_kestrel_still_answers_414_itself_with_no_body()
    {
        // Documented in docs/operations.md: Kestrel offers no hook for the responses it makes before the application runs.
        using var response = await Silo.Http.GetAsync($"api/accounts/x:{new string('1', RequestTargetLimit.KestrelRequestLineBytes)}", Cancellation);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancellation));
    }

    [Fact]
    public async Task An_encoded_nul_in_the_path_is_refused_by_kestrel_before_the_application_with_no_body()
    {
        // Kestrel decodes the path while parsing the request line and rejects a NUL there (documented in docs/operations.md).
        using var response = await Silo.Http.GetAsync("api/accounts/x:1%00", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancellation));
    }

    [Fact]
    public async Task A_huge_invalid_value_is_not_echoed_back_whole()
    {
        var role = new string('r', 100_000);
        using var content = new StringContent($$"""{"role":"{{role}}"}""", Encoding.UTF8, "application/json");
        using var response = await Silo.Http.PostAsync("api/keys", content, Cancellation);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.ToString().Length < 2_000, $"The problem is {problem.ToString().Length} characters long.");
    }

    [Theory]
    [InlineData("displayName")]
    [InlineData("handle")]
    [InlineData("groups")]
    [InlineData("tags")]
    public async Task An_oversized_profile_field_is_a_400_naming_it_and_nothing_is_stored(string field)
    {
        var key = TestAccounts.NewKey();
        object profile = field switch
        {
            "displayName" => new { displayName = new string('n', 1_000_000) },
            "handle" => new { handle = new string('h', 1_000) },
            "groups" => new { groups = Enumerable.Range(0, 100_000).Select(i => $"g{i}").ToArray() },
            _ => new { tags = new[] { new string('t', 100_000) } },
        };

        using var response = await Silo.Http.PutAsJsonAsync($"api/accounts/{key}", profile, Cancellation);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.True(problem.ToString().Length < 2_000, $"The problem is {problem.ToString().Length} characters long.");
        using var lookup = await Silo.Http.GetAsync($"api/accounts/{key}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task An_import_row_with_an_oversized_group_is_refused_by_line()
    {
        var handle = $"big{Random.Shared.Next(1_000_000, 9_999_999)}";
        var summary = await ImportAsync($"{SeedRow.Header}\nx,{handle},Big,{new string('g', 500)},2024-01-01,100,\n", "text/csv");

        var error = Assert.Single(summary.Errors);
        Assert.Equal((2, "groups"), (error.Line, error.Field));
        using var lookup = await Silo.Http.GetAsync($"api/accounts/x:@{handle}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    private async Task<string> RegisterAsync()
    {
        var key = TestAccounts.NewKey();
        await Silo.RegisterAsync(key);
        return key;
    }

    private static byte[] Item(string account, DateTimeOffset timestamp, long followers) =>
        JsonSerializer.SerializeToUtf8Bytes(new { account, timestamp, followers });

    // The test data writes raw bytes as \xNN (everything else is ASCII) and ACCOUNT for the account.
    private static byte[] Bytes(string text, string account)
    {
        var replaced = text.Replace("ACCOUNT", account, StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < replaced.Length; i++)
        {
            if (replaced[i] == '\\' && i + 3 < replaced.Length && replaced[i + 1] == 'x')
            {
                bytes.Add(Convert.ToByte(replaced.Substring(i + 2, 2), 16));
                i += 3;
            }
            else if (replaced[i] == '\\' && i + 1 < replaced.Length && replaced[i + 1] == '\\')
            {
                bytes.Add((byte)'\\');
                i++;
            }
            else
            {
                bytes.Add((byte)replaced[i]);
            }
        }

        return [.. bytes];
    }

    private static byte[] Concat(params object[] parts) =>
        [.. parts.SelectMany(part => part as byte[] ?? Encoding.UTF8.GetBytes((string)part))];

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await Silo.Http.PostAsync("api/observations", content, Cancellation);
    }

    private async Task<RecordResult> PostOkAsync(byte[] body, string contentType)
    {
        using var response = await PostAsync(body, contentType);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<RecordResult>(text, RunningSilo.Json)!;
    }

    private async Task<ImportSummary> ImportAsync(string csv, string contentType)
    {
        using var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await Silo.Http.PostAsync("api/import", content, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<ImportSummary>(text, RunningSilo.Json)!;
    }

    private async Task<List<(DateTimeOffset, long)>> StoredAsync(string account)
    {
        var points = await Silo.GetAsync<List<HistoryPoint>>($"api/accounts/{account}/history?resolution=raw");
        return points.Select(point => (point.Timestamp, point.Followers)).ToList();
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), body);
        return problem;
    }
}
