namespace Monitor.Collectors.Tests.Fakes;

/// <summary>One request a fake platform received: path, query, the Authorization header, and the test clock's time.</summary>
public sealed record RecordedRequest(string Path, string Query, string? Authorization, DateTimeOffset At)
{
    /// <summary>The values of a repeated or comma-separated query parameter.</summary>
    public IReadOnlyList<string> Values(string name) =>
        [.. Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query).TryGetValue(name, out var values)
            ? values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
            : []];
}
