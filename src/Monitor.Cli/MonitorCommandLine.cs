using System.CommandLine;
using System.Net;
using Monitor.Cli.Commands;
using Monitor.Client;

namespace Monitor.Cli;

/// <summary>The <c>monitor</c> command: <c>accounts</c>, <c>import</c>, <c>export</c>, <c>alerts</c>, <c>keys</c>, <c>notes</c>, <c>silence</c>, <c>entity</c> and <c>reports</c> against a running silo.</summary>
public static class MonitorCommandLine
{
    /// <summary>Builds the root command over <paramref name="context"/>.</summary>
    public static RootCommand Create(CliContext context, GlobalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = new RootCommand(
            "monitor: drives a running Monitor silo over its HTTP API. Start one with 'dotnet run --project src/Monitor.Silo -- demo' (or serve).");
        options.AddTo(root);
        root.Subcommands.Add(AccountsCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(AlertsCommand.Create(context));
        root.Subcommands.Add(KeysCommand.Create(context));
        root.Subcommands.Add(NotesCommand.Create(context));
        root.Subcommands.Add(SilenceCommand.Create(context));
        root.Subcommands.Add(EntityCommand.Create(context));
        root.Subcommands.Add(ReportsCommand.Create(context));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; failures a user can fix print one line on standard error and exit non-zero.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var options = new GlobalOptions();
        var context = new CliContext(environment, options);
        var parseResult = Create(context, options).Parse(args);
        var invocation = new InvocationConfiguration { Output = environment.Output, Error = environment.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parseResult.InvokeAsync(invocation);
        }
        catch (MonitorApiException ex) when (ex.Status == HttpStatusCode.Unauthorized)
        {
            var hint = context.HasApiKey(parseResult)
                ? $"the key from --api-key or {CliEnvironment.ApiKeyVariable} was refused; create another with 'monitor keys create' (admin) and set {CliEnvironment.ApiKeyVariable}."
                : $"this silo has API keys: pass --api-key <key> or set {CliEnvironment.ApiKeyVariable}.";
            await environment.Error.WriteLineAsync($"error: {ex.Message}\nhint: {hint}");
            return ExitCodes.Unauthorized;
        }
        catch (MonitorApiException ex) when (ex.Status == HttpStatusCode.Forbidden)
        {
            await environment.Error.WriteLineAsync($"error: {ex.Message}\nhint: use a key with a stronger role (--api-key or {CliEnvironment.ApiKeyVariable}).");
            return ExitCodes.Unauthorized;
        }
        catch (MonitorApiException ex)
        {
            await environment.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.SiloRefused;
        }
        catch (HttpRequestException ex)
        {
            await environment.Error.WriteLineAsync(
                $"error: no silo answered at {TryServer(context, parseResult)} ({ex.Message}). Start one, or point --server or {CliEnvironment.ServerVariable} at it.");
            return ExitCodes.Unreachable;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            await environment.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
    }

    private static string TryServer(CliContext context, ParseResult parseResult)
    {
        try
        {
            return context.Server(parseResult).ToString();
        }
        catch (ArgumentException)
        {
            return "the given address";
        }
    }
}
