using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using Monitor.Dashboard.Tests.Infrastructure;
using Monitor.Demo;
using Monitor.Hosting.Cli;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>Annotations: an analyst's notes on a date or range, drawn on the charts, returned by the API, and known events imported.</summary>
public sealed class AnnotationTests(DemoSilo silo)
{
    [Fact]
    public async Task A_note_added_on_an_account_page_is_drawn_on_its_chart_and_returned_by_the_api()
    {
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/accounts/x%3A%40azerbaijanmfa?from=2020-06-01&to=2021-03-31");
        var chart = dashboard.Page.Locator("#history-chart");
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "true");
        var before = await AnnotationsAsync("account=x:@azerbaijanmfa");

        // Noted from the surge episode's row: the form takes the alert's dates.
        var episode = dashboard.Page.Locator("tr.episode.kind-surge");
        await Expect(episode).ToHaveCountAsync(1);
        var alertId = await episode.GetAttributeAsync("data-alert");
        await episode.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Add a note on the surge" }).ClickAsync();
        await Expect(dashboard.Page.GetByLabel("About")).ToHaveValueAsync($"alert:{alertId}");
        await dashboard.Page.GetByLabel("Note", new() { Exact = true }).FillAsync("Ministry's campaign during the 44-day war");
        await dashboard.Page.Locator("#notes form button[type=submit]").ClickAsync();

        var listed = dashboard.Page.Locator("#notes-list tr.note", new() { HasTextString = "Ministry's campaign during the 44-day war" });
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(chart).ToHaveAttributeAsync("data-annotations", (before.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(chart).ToHaveAttributeAsync("data-annotation-rects", new System.Text.RegularExpressions.Regex(@"^\[\[-?\d+"));

        var after = await AnnotationsAsync("account=x:@azerbaijanmfa");
        var note = Assert.Single(after, a => a.GetProperty("text").GetString() == "Ministry's campaign during the 44-day war");
        Assert.Equal(alertId, note.GetProperty("alertId").GetString());
        Assert.Equal("x:@azerbaijanmfa", note.GetProperty("account").GetString());
        var alert = await silo.GetAlertAsync(alertId!);
        Assert.Equal(alert.Start.UtcDateTime.Date, note.GetProperty("start").GetDateTimeOffset().UtcDateTime.Date);

        // A note about one account stays off another account's chart.
        Assert.DoesNotContain(await AnnotationsAsync("account=x:@presidentaz"), a => a.GetProperty("id").GetString() == note.GetProperty("id").GetString());
        await dashboard.ScreenshotAsync("account-azerbaijanmfa-note-on-surge");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task Known_events_import_once_and_are_drawn_on_every_chart()
    {
        var file = await File.ReadAllTextAsync(DemoRunner.KnownEventsPath, TestContext.Current.CancellationToken);
        var events = JsonDocument.Parse(file).RootElement.GetArrayLength();

        var first = await ImportAsync(file);
        var second = await ImportAsync(file);
        Assert.Equal(events, first.GetProperty("stored").GetInt32() + first.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, second.GetProperty("stored").GetInt32());
        Assert.Equal(events, second.GetProperty("duplicates").GetInt32());

        // The demo's Azerbaijani group grows with its synthetic accounts; the chart must draw every member the API lists.
        var groups = await silo.Http.GetFromJsonAsync<JsonElement>("api/groups", TestContext.Current.CancellationToken);
        var members = groups.EnumerateArray().Single(group => group.GetProperty("name").GetString() == "azerbaijan-official").GetProperty("members").GetInt32();
        Assert.True(members >= 5, $"the demo's azerbaijan-official group has {members} members");

        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/groups/azerbaijan-official?from=2020-01-01&to=2021-06-30");
        var chart = dashboard.Page.Locator("#comparison-chart");
        await Expect(chart).ToHaveAttributeAsync("data-members", members.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(dashboard.Page.Locator("#notes-list tr.note", new() { HasTextString = "44-day war (Second Karabakh War)" })).ToHaveCountAsync(1);
        await Expect(chart).ToHaveAttributeAsync("data-annotation-rects", new System.Text.RegularExpressions.Regex(@"^\[\[-?\d+"));
        await dashboard.ScreenshotAsync("groups-azerbaijan-official-known-events");

        await dashboard.GoToAsync("#/accounts/x%3A%40presidentaz?from=2020-06-01&to=2021-03-31");
        await Expect(dashboard.Page.Locator("#history-chart")).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(dashboard.Page.Locator("#notes-list tr.note", new() { HasTextString = "44-day war" })).ToHaveCountAsync(1);
        await dashboard.ScreenshotAsync("account-presidentaz-44-day-war-note");
        dashboard.AssertNoErrors();
    }

    private async Task<List<JsonElement>> AnnotationsAsync(string query)
    {
        var list = await silo.Http.GetFromJsonAsync<JsonElement>($"api/annotations?{query}", TestContext.Current.CancellationToken);
        return [.. list.EnumerateArray()];
    }

    private async Task<JsonElement> ImportAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await silo.Http.PostAsync("api/annotations/import", content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"Import answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
