using Microsoft.Playwright;
using Monitor.Dashboard.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>The session: the API key typed by the user travels as a Bearer header only and is never shown; the role is.</summary>
public sealed class SessionTests(DemoSilo silo)
{
    private const string Key = "mk_test_3f9a1c2b7d";

    [Fact]
    public async Task A_typed_api_key_is_sent_as_a_bearer_header_on_every_call_and_never_shown_or_put_in_a_url()
    {
        await using var dashboard = await silo.OpenPageAsync();
        var apiCalls = new List<(string Url, string? Authorization)>();
        dashboard.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/", StringComparison.Ordinal))
            {
                lock (apiCalls)
                {
                    apiCalls.Add((request.Url, request.Headers.TryGetValue("authorization", out var value) ? value : null));
                }
            }
        };
        await dashboard.GoToAsync("#/alerts");
        await Expect(dashboard.Page.Locator("#role")).ToHaveTextAsync("admin (open mode)");

        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "API key" }).ClickAsync();
        await dashboard.Page.GetByRole(AriaRole.Textbox, new() { Name = "API key" }).FillAsync(Key);
        // The open-mode stream was already open: wait for the one the key reopens, not for the state attribute alone.
        await dashboard.Page.RunAndWaitForRequestAsync(
            () => dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
            request => request.Url.Contains("/api/alerts/stream", StringComparison.Ordinal)
                && request.Headers.TryGetValue("authorization", out var authorization) && authorization == $"Bearer {Key}");
        await Expect(dashboard.Page.Locator("#stream-state")).ToHaveAttributeAsync("data-state", "open");
        await dashboard.GoToAsync("#/accounts/x%3A%40presidentaz");
        await Expect(dashboard.Page.Locator("#history-chart")).ToHaveAttributeAsync("data-drawn", "true");

        List<(string Url, string? Authorization)> calls;
        lock (apiCalls)
        {
            calls = [.. apiCalls];
        }

        var signedIn = calls.SkipWhile(call => call.Authorization is null).ToList();
        Assert.Contains(signedIn, call => call.Url.Contains("/api/alerts/stream", StringComparison.Ordinal));
        Assert.Contains(signedIn, call => call.Url.Contains("/api/dashboard/accounts/", StringComparison.Ordinal));
        Assert.All(signedIn, call => Assert.Equal($"Bearer {Key}", call.Authorization));
        Assert.DoesNotContain(calls, call => call.Url.Contains(Key, StringComparison.Ordinal));

        var shown = await dashboard.Page.EvaluateAsync<string>(
            "() => document.documentElement.outerHTML + [...document.querySelectorAll('input')].map(i => i.value).join(' ')");
        Assert.DoesNotContain(Key, shown, StringComparison.Ordinal);
        await dashboard.ScreenshotAsync("session-api-key");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task Dark_mode_follows_the_system_and_the_toggle_overrides_it()
    {
        await using var dashboard = await silo.OpenPageAsync(colorScheme: "dark");
        await dashboard.GoToAsync("#/accounts/x%3A%40presidentaz");
        await Expect(dashboard.Page.Locator("#history-chart")).ToHaveAttributeAsync("data-drawn", "true");
        var background = await dashboard.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(17, 21, 28)", background);
        await dashboard.ScreenshotAsync("account-presidentaz-dark");

        // auto -> light
        await dashboard.Page.Locator("#theme").ClickAsync();
        await Expect(dashboard.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        Assert.Equal("rgb(246, 247, 249)", await dashboard.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task The_dark_toggle_darkens_a_page_whose_system_is_light()
    {
        await using var dashboard = await silo.OpenPageAsync(colorScheme: "light");
        await dashboard.GoToAsync("#/accounts/x%3A%40presidentaz");
        await Expect(dashboard.Page.Locator("#history-chart")).ToHaveAttributeAsync("data-drawn", "true");
        Assert.Equal("rgb(246, 247, 249)", await dashboard.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));

        // auto -> light -> dark
        await dashboard.Page.Locator("#theme").ClickAsync();
        await dashboard.Page.Locator("#theme").ClickAsync();
        await Expect(dashboard.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        Assert.Equal("rgb(17, 21, 28)", await dashboard.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        dashboard.AssertNoErrors();
    }
}
