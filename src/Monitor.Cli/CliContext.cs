using System.CommandLine;
using System.Text.Json;
using Monitor.Abstractions.Http;
using Monitor.Client;

namespace Monitor.Cli;

/// <summary>What a command's action needs: the process's environment, the global options' values and the silo's client.</summary>
public sealed class CliContext(CliEnvironment environment, GlobalOptions options)
{
    /// <summary>The name the command line sends in <see cref="MonitorHttp.ClientHeader"/>.</summary>
    public const string ClientName = "monitor-cli";

    /// <summary>Where results go.</summary>
    public TextWriter Out => environment.Output;

    /// <summary>Where messages for people go (errors, progress, notes beside a JSON result).</summary>
    public TextWriter Error => environment.Error;

    /// <summary>Whether standard error is a terminal.</summary>
    public bool ErrorIsTerminal => environment.ErrorIsTerminal;

    /// <summary>True when the caller asked for JSON.</summary>
    public bool IsJson(ParseResult parseResult) => NotNull(parseResult).GetValue(options.Output) == OutputFormat.Json;

    /// <summary>The silo's address: <c>--server</c>, else <c>MONITOR_SERVER</c>, else the default.</summary>
    public Uri Server(ParseResult parseResult)
    {
        if (NotNull(parseResult).GetValue(options.Server) is { } server)
        {
            return server;
        }

        var variable = environment.Variable(CliEnvironment.ServerVariable);
        if (string.IsNullOrWhiteSpace(variable))
        {
            return new Uri(ApiConventions.DefaultAddress);
        }

        return GlobalOptions.TryParseAddress(variable.Trim(), out var address)
            ? address
            : throw new ArgumentException($"{CliEnvironment.ServerVariable} '{variable}' is not an absolute http:// or https:// address.");
    }

    /// <summary>The API key: <c>--api-key</c>, else <c>MONITOR_API_KEY</c>, else none.</summary>
    public string? ApiKey(ParseResult parseResult) =>
        NotNull(parseResult).GetValue(options.ApiKey) is { Length: > 0 } key ? key : environment.Variable(CliEnvironment.ApiKeyVariable);

    /// <summary>Whether a key was given (so a 401 can say whether to set one or to fix it).</summary>
    public bool HasApiKey(ParseResult parseResult) => !string.IsNullOrWhiteSpace(ApiKey(parseResult));

    /// <summary>An HTTP client for the silo; <paramref name="timeout"/> defaults to five minutes (infinite for streams).</summary>
    public HttpClient CreateHttp(ParseResult parseResult, TimeSpan? timeout = null) =>
        MonitorHttp.Create(Server(parseResult), ApiKey(parseResult), ClientName, timeout);

    /// <summary>Writes <paramref name="value"/> as one line of JSON in the API's conventions.</summary>
    public Task WriteJsonAsync<T>(T value) => Out.WriteLineAsync(JsonSerializer.Serialize(value, ApiConventions.Json));

    /// <summary>Writes <paramref name="value"/> as JSON when the caller asked for it, else <paramref name="line"/> for people.</summary>
    public Task WriteAsync<T>(ParseResult parseResult, T value, string line) =>
        IsJson(parseResult) ? WriteJsonAsync(value) : Out.WriteLineAsync(line);

    /// <summary>Writes <paramref name="items"/> as one JSON array when the caller asked for it, else a line each.</summary>
    public async Task WriteListAsync<T>(ParseResult parseResult, IReadOnlyList<T> items, Func<T, string> line)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(line);
        if (IsJson(parseResult))
        {
            await WriteJsonAsync(items);
            return;
        }

        foreach (var item in items)
        {
            await Out.WriteLineAsync(line(item));
        }
    }

    private static ParseResult NotNull(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult;
    }
}
