using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Monitor.Abstractions.Annotations;
using Monitor.Api;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Testing;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary>Annotations over PostgreSQL: added, listed for the charts they apply to, imported once, refused precisely, kept across a restart.</summary>
public sealed class AnnotationApiTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private string _connectionString = null!;
    private RunningSilo _silo = null!;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await database.Server.CreateDatabaseAsync("annotations", TestContext.Current.CancellationToken);
        _silo = await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        await database.Server.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Notes_are_listed_for_the_charts_they_apply_to_and_survive_a_restart()
    {
        await _silo.RegisterAsync("x:@noted_member", "noted-group");
        await _silo.RegisterAsync("x:@noted_other", "other-group");
        var everywhere = await AddAsync(new { text = "Platform purge", start = "2018-07-12T00:00:00Z" });
        var onGroup = await AddAsync(new { text = "Summit", start = "2021-03-01T00:00:00Z", end = "2021-03-03T00:00:00Z", group = "noted-group" });
        var onAccount = await AddAsync(new { text = "Handle changed", start = "2022-05-05T00:00:00Z", account = "x:@NOTED_MEMBER" });

        Assert.Equal("x:@noted_member", onAccount.Account);
        Assert.Equal(Ids(everywhere, onGroup, onAccount), Ids([.. await ListAsync("account=x:@noted_member")]));
        Assert.Equal(Ids(everywhere), Ids([.. await ListAsync("account=x:@noted_other")]));
        Assert.Equal(Ids(everywhere, onGroup), Ids([.. await ListAsync("group=noted-group")]));
        Assert.Equal(Ids(onGroup), Ids([.. await ListAsync("account=x:@noted_member&from=2021-03-02T00:00:00Z&to=2021-12-31T00:00:00Z")]));

        await _silo.DisposeAsync();
        _silo = await StartAsync();

        Assert.Equal(Ids(everywhere, onGroup, onAccount), Ids([.. await ListAsync(string.Empty)]));
        using var removed = await _silo.Http.DeleteAsync($"api/annotations/{onGroup.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var again = await _silo.Http.DeleteAsync($"api/annotations/{onGroup.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(Ids(everywhere, onAccount), Ids([.. await ListAsync(string.Empty)]));
    }

    [Fact]
    public async Task Importing_known_events_twice_stores_them_once_and_a_bad_item_stores_nothing()
    {
        const string events = """
            [
              { "text": "44-day war", "start": "2020-09-27T00:00:00Z", "end": "2020-11-10T00:00:00Z" },
              { "text": "Platform purge", "start": "2018-07-12T00:00:00Z" }
            ]
            """;
        Assert.Equal(new AnnotationImportResult(2, 0), await ImportAsync(events));
        Assert.Equal(new AnnotationImportResult(0, 2), await ImportAsync(events));

        using var bad = await PostJsonAsync("api/annotations/import", """[{ "text": "fine", "start": "2019-01-01T00:00:00Z" }, { "text": "no date" }]""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("[1].start", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(2, (await ListAsync(string.Empty)).Count);
    }

    [Theory]
    [InlineData("""{ "start": "2020-01-01T00:00:00Z" }""", "text")]
    [InlineData("""{ "text": "  ", "start": "2020-01-01T00:00:00Z" }""", "text")]
    [InlineData("""{ "text": "x" }""", "start")]
    [InlineData("""{ "text": "x", "start": "2020-02-01T00:00:00Z", "end": "2020-01-01T00:00:00Z" }""", "end")]
    [InlineData("""{ "text": "x", "start": "2020-01-01T00:00:00Z", "account": "x:@a", "group": "g" }""", "group")]
    [InlineData("""{ "text": "x", "start": "2020-01-01T00:00:00Z", "account": "nowhere:1" }""", "account")]
    [InlineData("""{ "text": "x", "start": "yesterday" }""", "start")]
    public async Task A_bad_note_is_refused_with_a_problem_naming_the_field(string body, string field)
    {
        using var response = await PostJsonAsync("api/annotations", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(await ListAsync(string.Empty));
    }

    [Fact]
    public async Task A_note_on_an_unknown_alert_is_404_and_the_same_note_twice_is_stored_once()
    {
        using var unknown = await PostJsonAsync("api/annotations", """{ "text": "x", "alertId": "spike-x:1-20200101T000000Z" }""");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var first = await PostJsonAsync("api/annotations", """{ "text": "Same", "start": "2020-01-01T00:00:00Z" }""");
        using var second = await PostJsonAsync("api/annotations", """{ "text": "Same", "start": "2020-01-01T00:00:00Z" }""");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(await ListAsync(string.Empty));
    }

    private Task<RunningSilo> StartAsync() => RunningSilo.StartAsync(new SiloHostOptions().UsePostgres(_connectionString));

    private static string[] Ids(params Annotation[] annotations) => [.. annotations.Select(a => a.Id).Order(StringComparer.Ordinal)];

    private async Task<Annotation> AddAsync(object body)
    {
        using var response = await _silo.Http.PostAsJsonAsync("api/annotations", body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await RunningSilo.ReadAsync<Annotation>(response);
    }

    private async Task<IReadOnlyList<Annotation>> ListAsync(string query) =>
        await _silo.GetAsync<List<Annotation>>($"api/annotations{(query.Length > 0 ? "?" + query : "")}");

    private async Task<AnnotationImportResult> ImportAsync(string json)
    {
        using var response = await PostJsonAsync("api/annotations/import", json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await RunningSilo.ReadAsync<AnnotationImportResult>(response);
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await _silo.Http.PostAsync(path, content, TestContext.Current.CancellationToken);
    }
}
