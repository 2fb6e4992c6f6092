using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary>Bad input gets the documented 4xx (problem+json, or per-item rejections), never a 5xx, and rejected items are not stored.</summary>
public sealed class BadInputTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    private static readonly DateTimeOffset Day = new(2024, 9, 28, 0, 0, 0, TimeSpan.Zero);

    private RunningSilo Silo => fixture.Silo;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>One bad item each (as JSON object text with <c>ACCOUNT</c> as the placeholder) and the field it must be rejected for.</summary>
    public static TheoryData<string, string> BadItems => new()
    {
        { """{"account":"ACCOUNT","timestamp":"2024-09-28T00:00:00Z","followers":"many"}""", "followers" },
        { """{"account":"ACCOUNT","timestamp":"2024-09-28T00:00:00Z","followers":"NaN"}""", "followers" },
        { """{"account":"ACCOUNT","timestamp":"2024-09-28T00:00:00Z","followers":-5}""", "followers" },
        { """{"account":"ACCOUNT","timestamp":"2024-09-28T00:00:00Z","followers":12.5}""", "followers" },
        { """{"account":"ACCOUNT","timestamp":"2024-09-28T00:00:00Z","followers":1e30}""", "followers" },
        { """{"account":"ACCOUNT","timestamp":"2024-09-28T00:00:00Z"}""", "followers" },
        { """{"account":"ACCOUNT","timestamp":"2024-09-28T00:00:00Z","followers":10,"posts":-1}""", "posts" },
        { """{"account":"ACCOUNT","timestamp":"2024-09-28T00:00:00Z","followers":10,"following":"x"}""", "following" },
        { """{"account":"ACCOUNT","timestamp":"2999-01-01T00:00:00Z","followers":10}""", "timestamp" },
        { """{"account":"ACCOUNT","timestamp":"yesterday","followers":10}""", "timestamp" },
        { """{"account":"ACCOUNT","timestamp":"2024-09-28T25:00:00Z","followers":10}""", "timestamp" },
        { """{"account":"ACCOUNT","timestamp":1727481600,"followers":10}""", "timestamp" },
        { """{"account":"no-colon-here","timestamp":"2024-09-28T00:00:00Z","followers":10}""", "account" },
        { """{"account":"","timestamp":"2024-09-28T00:00:00Z","followers":10}""", "account" },
        { """{"account":42,"timestamp":"2024-09-28T00:00:00Z","followers":10}""", "account" },
        { """{"timestamp":"2024-09-28T00:00:00Z","followers":10}""", "account" },
        { """{"account":"ACCOUNT","timestamp":"2024-09-28T00:00:00Z","followers":10,"source":7}""", "source" },
        { "[1,2]", "$" },
        { "\"text\"", "$" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task A_bad_item_is_rejected_by_field_while_the_good_item_beside_it_is_stored(string badItem, string field)
    {
        var account = await RegisterAsync();
        var good = Item(account, Day, 1_000);
        var body = $"[{good},{badItem.Replace("ACCOUNT", account, StringComparison.Ordinal)}]";

        using var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await RunningSilo.ReadAsync<RecordResult>(response);
        Assert.Equal(1, result.Accepted);
        var rejection = Assert.Single(result.Rejected);
        Assert.Equal(1, rejection.Index);
        Assert.Equal(field, rejection.Field);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Reason));
        Assert.Equal([(Day, 1_000L)], await StoredAsync(account));
    }

    [Fact]
    public async Task A_batch_whose_every_item_is_rejected_is_422_with_the_item_errors()
    {
        var account = await RegisterAsync();
        var body = $"[{Item(account, Day, -1)},{Item("x:not a key", Day, 5)}]";

        using var response = await PostAsync(body, "application/json");

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("[0].followers", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("[1].account", out _), errors.ToString());
        Assert.Equal(2, problem.GetProperty("rejected").GetArrayLength());
        Assert.Empty(await StoredAsync(account));
    }

    [Fact]
    public async Task An_unconfigured_account_is_rejected_and_not_created()
    {
        var registered = await RegisterAsync();
        var unknown = TestAccounts.NewKey();
        var body = $"[{Item(registered, Day, 10)},{Item(unknown, Day, 20)}]";

        using var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rejection = Assert.Single((await RunningSilo.ReadAsync<RecordResult>(response)).Rejected);
        Assert.Equal(1, rejection.Index);
        Assert.Equal(unknown, rejection.Account);
        using var lookup = await Silo.Http.GetAsync($"api/accounts/{unknown}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_400_naming_the_line_and_stores_nothing()
    {
        var account = await RegisterAsync();
        var body = $"[\n{Item(account, Day, 10)},\n{{\"account\": \"{account}\", \"followers\": NaN}}\n]";

        using var response = await PostAsync(body, "application/json");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("line 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(account));
    }

    [Fact]
    public async Task A_malformed_ndjson_line_is_400_naming_that_line()
    {
        var account = await RegisterAsync();
        var body = $"{Item(account, Day, 10)}\n{{\"account\": \"{account}\",\n{Item(account, Day.AddDays(1), 11)}\n";

        using var response = await PostAsync(body, "application/x-ndjson");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("line 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(account));
    }

    [Fact]
    public async Task Ndjson_items_are_read_one_per_line_with_their_own_rejections()
    {
        var account = await RegisterAsync();
        var body = $"{Item(account, Day, 10)}\n\n{Item(account, Day.AddDays(1), -3)}\r\n{Item(account, Day.AddDays(2), 12)}";

        using var response = await PostAsync(body, "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await RunningSilo.ReadAsync<RecordResult>(response);
        Assert.Equal(2, result.Accepted);
        Assert.Equal((1, "followers"), (Assert.Single(result.Rejected).Index, result.Rejected[0].Field));
        Assert.Equal([(Day, 10L), (Day.AddDays(2), 12L)], await StoredAsync(account));
    }

    [Fact]
    public async Task A_batch_over_the_item_limit_is_413_and_stores_nothing()
    {
        var account = await RegisterAsync();
        var items = Enumerable.Range(0, SqliteSiloFixture.MaxBatchSize + 1).Select(i => Item(account, Day.AddDays(i), 100 + i));

        using var response = await PostAsync($"[{string.Join(',', items)}]", "application/json");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await StoredAsync(account));
    }

    [Fact]
    public async Task A_body_over_the_byte_limit_is_413_with_or_without_a_content_length()
    {
        var account = await RegisterAsync();
        var padded = $"[{Item(account, Day, 1)}{new string(' ', SqliteSiloFixture.MaxBodyBytes)}]";

        using var declared = await PostAsync(padded, "application/json");
        await AssertProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge);

        using var chunkedContent = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(padded)));
        chunkedContent.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/observations") { Content = chunkedContent };
        request.Headers.TransferEncodingChunked = true;
        using var chunked = await Silo.Http.SendAsync(request, Cancellation);
        await AssertProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await StoredAsync(account));
    }

    [Theory]
    [InlineData("[]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("", "application/x-ndjson", HttpStatusCode.BadRequest)]
    [InlineData("{\"account\":\"x:1\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[{}] trailing", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("account,timestamp,followers", "text/csv", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_request_of_the_wrong_shape_is_refused_whole(string body, string mediaType, HttpStatusCode status)
    {
        using var response = await PostAsync(body, mediaType);

        await AssertProblemAsync(response, status);
    }

    [Theory]
    [InlineData("GET", "api/accounts/no-colon", HttpStatusCode.BadRequest)]
    [InlineData("GET", "api/accounts/x:99999999999999/summary", HttpStatusCode.NotFound)]
    [InlineData("GET", "api/accounts?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("GET", "api/accounts?offset=-1", HttpStatusCode.BadRequest)]
    [InlineData("GET", "api/accounts?limit=lots", HttpStatusCode.BadRequest)]
    [InlineData("GET", "api/alerts?status=sleeping", HttpStatusCode.BadRequest)]
    [InlineData("GET", "api/alerts?kind=wobble", HttpStatusCode.BadRequest)]
    [InlineData("GET", "api/alerts?since=last-tuesday", HttpStatusCode.BadRequest)]
    [InlineData("GET", "api/alerts/no-such-alert", HttpStatusCode.NotFound)]
    [InlineData("POST", "api/alerts/no-such-alert/acknowledge", HttpStatusCode.NotFound)]
    [InlineData("POST", "api/alerts/no-such-alert/resolve", HttpStatusCode.NotFound)]
    [InlineData("GET", "api/groups/no-such-group/ranking", HttpStatusCode.NotFound)]
    [InlineData("GET", "api/groups/turkic-mfa/ranking?by=charisma", HttpStatusCode.BadRequest)]
    [InlineData("GET", "api/alerts/stream?after=-4", HttpStatusCode.BadRequest)]
    [InlineData("DELETE", "api/silences/no-such-silence", HttpStatusCode.NotFound)]
    [InlineData("GET", "api/silences?state=sometimes", HttpStatusCode.BadRequest)]
    [InlineData("DELETE", "api/accounts/x:99999999999998", HttpStatusCode.NotFound)]
    public async Task A_bad_query_or_unknown_resource_is_a_problem_not_a_server_error(string method, string path, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await Silo.Http.SendAsync(request, Cancellation);

        await AssertProblemAsync(response, status);
    }

    [Theory]
    [InlineData("api/alerts?since=yesterday", "since", "'since' has the invalid value 'yesterday': must be an ISO 8601 date-time")]
    [InlineData("api/accounts?limit=lots", "limit", "'limit' has the invalid value 'lots': must be a whole number")]
    public async Task A_query_value_of_the_wrong_type_is_explained_in_words_not_in_framework_types(string path, string parameter, string detailStart)
    {
        using var response = await Silo.Http.GetAsync(path, Cancellation);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith(detailStart, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable<", detail, StringComparison.Ordinal);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task An_account_key_with_a_handle_missing_its_at_sign_is_answered_with_the_key_to_write()
    {
        using var response = await Silo.Http.GetAsync("api/accounts/x:presidentaz", Cancellation);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("write 'x:@presidentaz'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_queries_with_bad_parameters_are_400()
    {
        var account = await RegisterAsync();

        foreach (var query in new[] { "resolution=week", "from=not-a-date", "format=xml", "from=2024-02-01T00:00:00Z&to=2024-01-01T00:00:00Z" })
        {
            using var response = await Silo.Http.GetAsync($"api/accounts/{account}/history?{query}", Cancellation);
            await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Last_Event_ID_that_is_not_a_sequence_is_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/alerts/stream");
        request.Headers.Add("Last-Event-ID", "yesterday");

        using var response = await Silo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"key":"x:1","profile":""", HttpStatusCode.BadRequest)]
    [InlineData("""{"key":"not a key"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"key":"x:1","profile":{"groups":"not-a-list"}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"profile":{}}""", HttpStatusCode.BadRequest)]
    public async Task Account_creation_with_a_bad_body_is_400(string body, HttpStatusCode status)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await Silo.Http.PostAsync("api/accounts", content, Cancellation);

        await AssertProblemAsync(response, status);
    }

    [Fact]
    public async Task Creating_an_account_twice_is_409_and_put_updates_it()
    {
        var key = TestAccounts.NewKey();
        using var first = await PostJsonAsync("api/accounts", $"{{\"key\":\"{key}\",\"profile\":{{\"displayName\":\"First\"}}}}");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var second = await PostJsonAsync("api/accounts", $"{{\"key\":\"{key}\",\"profile\":{{\"displayName\":\"Second\"}}}}");
        await AssertProblemAsync(second, HttpStatusCode.Conflict);

        using var content = new StringContent("{\"displayName\":\"Renamed\"}", Encoding.UTF8, "application/json");
        using var put = await Silo.Http.PutAsync($"api/accounts/{key}", content, Cancellation);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Renamed", (await Silo.GetAsync<AccountSummary>($"api/accounts/{key}")).Profile.DisplayName);
    }

    [Theory]
    [InlineData("""{"comment":"no matcher","duration":"01:00:00"}""")]
    [InlineData("""{"kind":"surge"}""")]
    [InlineData("""{"kind":"surge","expiresAt":"2001-01-01T00:00:00Z"}""")]
    [InlineData("""{"kind":"wobble","duration":"01:00:00"}""")]
    [InlineData("""{"account":"bad key","duration":"01:00:00"}""")]
    [InlineData("""{"kind":"surge","duration":"-01:00:00"}""")]
    [InlineData("""{"kind":"surge","duration":"01:00:00","expiresAt":"2999-01-01T00:00:00Z"}""")]
    [InlineData("""{"matchers":[{"name":"group","operator":"=~","value":"turkic("}],"duration":"01:00:00"}""")]
    [InlineData("""{"matchers":[{"name":"colour","operator":"=","value":"red"}],"duration":"01:00:00"}""")]
    [InlineData("""{"matchers":[{"name":"kind","operator":"~","value":"drop"}],"duration":"01:00:00"}""")]
    [InlineData("""{"matchers":[null],"duration":"01:00:00"}""")]
    [InlineData("""{"kind":"drop","duration":"01:00:00","startsAt":"2999-01-01T00:00:00Z"}""")]
    public async Task A_silence_without_a_matcher_or_a_future_expiry_is_400(string body)
    {
        using var response = await PostJsonAsync("api/silences", body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private async Task<string> RegisterAsync()
    {
        var key = TestAccounts.NewKey();
        await Silo.RegisterAsync(key);
        return key;
    }

    private static string Item(string account, DateTimeOffset timestamp, long followers) =>
        JsonSerializer.Serialize(new { account, timestamp, followers });

    private async Task<HttpResponseMessage> PostAsync(string body, string mediaType)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await Silo.Http.PostAsync("api/observations", content, Cancellation);
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await Silo.Http.PostAsync(path, content, Cancellation);
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
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), body);
        return problem;
    }
}
