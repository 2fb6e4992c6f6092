using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Testing;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary><c>POST /api/accounts/batch</c> on a real silo over SQLite and loopback HTTP.</summary>
public sealed class AccountBatchTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private RunningSilo _silo = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _silo = await RunningSilo.StartAsync(new SiloHostOptions().UseSqlite(_directory.File("batch.db")));

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_mixed_batch_answers_each_item_in_order_and_stores_only_the_valid_ones()
    {
        var (fresh, same, changed, duplicated) = (TestAccounts.NewKey(), TestAccounts.NewKey(), TestAccounts.NewKey(), TestAccounts.NewKey());
        await _silo.Client.PutAccountAsync(same, new AccountProfile("same", Groups: ["g"]), Cancellation);
        await _silo.Client.PutAccountAsync(changed, new AccountProfile("old"), Cancellation);
        var body = $$$"""
            [
              {"key": "{{{fresh}}}", "profile": {"handle": "fresh", "groups": ["batch"]}},
              {"key": "{{{same}}}", "profile": {"handle": "same", "groups": ["g"]}},
              {"key": "{{{changed}}}", "profile": {"handle": "new"}},
              {"key": "no-platform"},
              {"key": "{{{duplicated}}}"},
              {"key": "{{{duplicated}}}", "profile": {"handle": "second"}},
              {"key": "{{{TestAccounts.NewKey()}}}", "profile": {"handle": "{{{new string('h', AccountProfileLimits.MaxHandleLength + 1)}}}"}},
              {"key": "{{{TestAccounts.NewKey()}}}", "profile": {"groups": 5}},
              42
            ]
            """;

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await RunningSilo.ReadAsync<AccountBatchResult>(response);
        Assert.Equal(Enumerable.Range(0, 9), result.Items.Select(item => item.Index));
        Assert.Equal(
            ["created", "unchanged", "updated", "invalid", "created", "invalid", "invalid", "invalid", "invalid"],
            result.Items.Select(item => item.Status));
        Assert.Equal((2, 1, 1, 5), (result.Created, result.Updated, result.Unchanged, result.Invalid));
        Assert.Equal("key", result.Items[3].Field);
        Assert.Equal("key", result.Items[5].Field);
        Assert.Contains("duplicate of item 4", result.Items[5].Reason, StringComparison.Ordinal);
        Assert.Equal("profile.handle", result.Items[6].Field);
        Assert.Equal("profile.groups", result.Items[7].Field);
        Assert.Equal("item", result.Items[8].Field);

        Assert.Equal(["batch"], (await _silo.Client.FindAccountAsync(fresh, Cancellation))!.Profile.Groups);
        Assert.Equal("new", (await _silo.Client.FindAccountAsync(changed, Cancellation))!.Profile.Handle);
        Assert.Null((await _silo.Client.FindAccountAsync(duplicated, Cancellation))!.Profile.Handle);
        Assert.Null(await _silo.Client.FindAccountAsync(result.Items[6].Key!, Cancellation));
        Assert.Null(await _silo.Client.FindAccountAsync(result.Items[7].Key!, Cancellation));
    }

    [Fact]
    public async Task More_items_than_the_limit_is_413_problem_and_stores_nothing()
    {
        var keys = Enumerable.Range(0, AccountBatchLimits.MaxItems + 1).Select(_ => TestAccounts.NewKey()).ToList();

        using var response = await _silo.Http.PostAsJsonAsync("api/accounts/batch", keys.Select(key => new CreateAccountRequest(key, null)), RunningSilo.Json, Cancellation);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"more than {AccountBatchLimits.MaxItems}", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Null(await _silo.Client.FindAccountAsync(keys[0], Cancellation));
    }

    [Theory]
    [InlineData("[{\"key\": \"x:1\"", "Malformed")]
    [InlineData("{\"key\": \"x:1\"}", "Invalid batch")]
    [InlineData("[]", "Empty batch")]
    public async Task A_body_that_is_not_a_non_empty_array_is_400_problem(string body, string title)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains(title, problem.RootElement.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sending_the_same_batch_again_changes_nothing()
    {
        var group = TestAccounts.NewGroup();
        var accounts = Enumerable.Range(0, 50).Select(i => new CreateAccountRequest(TestAccounts.NewKey(), new AccountProfile($"h{i}", Groups: [group]))).ToList();

        var first = await _silo.Client.RegisterAccountsAsync(accounts, perRequest: 20, Cancellation);
        var second = await _silo.Client.RegisterAccountsAsync(accounts, perRequest: 20, Cancellation);

        Assert.Equal(50, first.Created);
        Assert.Equal(Enumerable.Range(0, 50), first.Items.Select(item => item.Index));
        Assert.Equal((0, 0, 50, 0), (second.Created, second.Updated, second.Unchanged, second.Invalid));
        var page = await _silo.Client.ListAccountsAsync(new AccountListQuery(Group: group, Limit: 100), Cancellation);
        Assert.Equal(50, page.Total);
        Assert.Equal(accounts.Select(account => account.Key).Order(StringComparer.Ordinal), page.Items.Select(summary => summary.Account));
    }

    [Fact]
    public async Task A_batch_registered_account_takes_observations_and_is_listed_in_its_group()
    {
        var group = TestAccounts.NewGroup();
        var account = TestAccounts.NewKey();
        var result = await _silo.Client.RegisterAccountsAsync([new CreateAccountRequest(account, new AccountProfile("listed", Groups: [group]))], cancellationToken: Cancellation);
        Assert.Equal("created", Assert.Single(result.Items).Status);

        var now = DateTimeOffset.UtcNow;
        var recorded = await _silo.Client.PostObservationsAsync(
            [new ObservationInput(account, now.AddHours(-2), 1_000), new ObservationInput(account, now.AddHours(-1), 1_010)], Cancellation);

        Assert.Equal(2, recorded.Accepted);
        var listed = Assert.Single((await _silo.Client.ListAccountsAsync(new AccountListQuery(Group: group), Cancellation)).Items);
        Assert.Equal(account, listed.Account);
        Assert.Equal(1_010, (await _silo.Client.FindAccountAsync(account, Cancellation))!.Followers);
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        _silo.Http.PostAsync("api/accounts/batch", new StringContent(json, Encoding.UTF8, "application/json"), Cancellation);
}
