using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitor.Abstractions.Entities;
using Monitor.Abstractions.Import;
using Monitor.Import;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary><c>/api/entities</c> over HTTP: the rules of linking (an account in at most one entity), problem+json on bad input, and the seed import's entity column.</summary>
public sealed class EntityApiTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    private RunningSilo Silo => fixture.Silo;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string NewId() => $"entity-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Linking_an_account_that_belongs_to_another_entity_is_a_409_problem_naming_the_owner()
    {
        var (first, second, account) = (NewId(), NewId(), TestAccounts.NewKey());
        await Silo.Client.CreateEntityAsync(new CreateEntityRequest("First", first, "person", [account]), Cancellation);
        await Silo.Client.CreateEntityAsync(new CreateEntityRequest("Second", second, "office"), Cancellation);

        using var link = await Silo.Http.PutAsync($"api/entities/{second}/accounts/{account}", null, Cancellation);
        using var create = await Silo.Http.PostAsJsonAsync("api/entities", new CreateEntityRequest("Third", NewId(), null, [account]), RunningSilo.Json, Cancellation);

        foreach (var response in new[] { link, create })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
            Assert.Equal((account, first), (problem.RootElement.GetProperty("account").GetString(), problem.RootElement.GetProperty("ownedBy").GetString()));
            Assert.Contains("at most one entity", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty((await Silo.Client.FindEntityAsync(second, Cancellation))!.Entity.Accounts);
    }

    [Fact]
    public async Task Unlinking_frees_the_account_and_unlinking_again_is_a_404()
    {
        var (first, second, account) = (NewId(), NewId(), TestAccounts.NewKey());
        await Silo.RegisterAsync(account);
        await Silo.Client.CreateEntityAsync(new CreateEntityRequest("First", first, null, [account]), Cancellation);
        await Silo.Client.CreateEntityAsync(new CreateEntityRequest("Second", second), Cancellation);

        var unlinked = await Silo.Client.UnlinkEntityAccountAsync(first, account, Cancellation);
        var linked = await Silo.Client.LinkEntityAccountAsync(second, account, Cancellation);
        using var again = await Silo.Http.DeleteAsync($"api/entities/{first}/accounts/{account}", Cancellation);

        Assert.Empty(unlinked.Accounts);
        Assert.Equal([account], linked.Accounts);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.True(await Silo.Client.DeleteEntityAsync(second, Cancellation));
        Assert.Null(await Silo.Client.FindEntityAsync(second, Cancellation));
    }

    [Theory]
    [InlineData("""{"name":"Bad","id":"Not An Id"}""", "id")]
    [InlineData("""{"name":"Bad","kind":"ministry"}""", "kind")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"Bad","accounts":["x:@ok","nonsense"]}""", "accounts[1]")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Silo.Http.PostAsync("api/entities", content, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"The problem does not name {field}: {problem.RootElement}");
    }

    [Fact]
    public async Task Creating_an_existing_id_is_a_409_and_an_unknown_entity_a_404()
    {
        var id = NewId();
        await Silo.Client.CreateEntityAsync(new CreateEntityRequest("Once", id), Cancellation);

        using var twice = await Silo.Http.PostAsJsonAsync("api/entities", new CreateEntityRequest("Twice", id), RunningSilo.Json, Cancellation);
        using var unknown = await Silo.Http.PutAsync($"api/entities/{NewId()}/accounts/{TestAccounts.NewKey()}", null, Cancellation);

        using var conflict = JsonDocument.Parse(await twice.Content.ReadAsStringAsync(Cancellation));

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.NotFound), (twice.StatusCode, unknown.StatusCode));
        // Entities have no PUT of their own: the problem points at what the caller can do instead.
        Assert.Equal($"Entity '{id}' already exists; choose another id, or link accounts to it with PUT /api/entities/{id}/accounts/{{key}}.", conflict.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_seed_import_with_the_entity_column_creates_the_entities_links_the_accounts_and_reports_a_conflict_by_line()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (president, ministry) = ($"President {suffix}", $"Ministry {suffix}");
        var csv = string.Join('\n',
            SeedRow.EntityHeader,
            $"x,pres_{suffix},President,leaders,2024-10-01,1000,10,{president}",
            $"instagram,pres_{suffix},President,leaders,2024-10-01,500,5,{president}",
            $"x,mfa_{suffix},Ministry,mfa,2024-10-01,300,3,{ministry}",
            $"x,pres_{suffix},President,leaders,2024-10-02,1010,11,{ministry}",
            $"x,solo_{suffix},Solo,mfa,2024-10-01,50,1,",
            "");

        await using var body = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        ImportSummary summary = await Silo.Client.ImportAsync(body, cancellationToken: Cancellation);

        Assert.Equal((5L, 5L, 3), (summary.Rows, summary.Accepted, summary.AccountsLinked));
        var conflict = Assert.Single(summary.Errors);
        Assert.Equal((5, "entity"), (conflict.Line, conflict.Field));
        var presidentEntity = (await Silo.Client.FindEntityAsync($"president-{suffix}", Cancellation))!;
        Assert.Equal([$"instagram:@pres_{suffix}", $"x:@pres_{suffix}"], presidentEntity.Entity.Accounts);
        Assert.Equal(1_010 + 500, presidentEntity.Followers);
        Assert.Equal([$"x:@mfa_{suffix}"], (await Silo.Client.FindEntityAsync($"ministry-{suffix}", Cancellation))!.Entity.Accounts);

        await using var again = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var reimport = await Silo.Client.ImportAsync(again, cancellationToken: Cancellation);
        Assert.Equal(0, reimport.AccountsLinked);
    }
}
