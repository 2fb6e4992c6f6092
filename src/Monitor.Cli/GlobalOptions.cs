using System.CommandLine;
using System.CommandLine.Parsing;
using Monitor.Abstractions.Http;

namespace Monitor.Cli;

/// <summary>The options every command takes: which silo, which key, which output format.</summary>
public sealed class GlobalOptions
{
    /// <summary>The silo's base address.</summary>
    public Option<Uri?> Server { get; } = new("--server")
    {
        Description = $"Base address of the running silo (or {CliEnvironment.ServerVariable}; default {ApiConventions.DefaultAddress}).",
        CustomParser = ParseAddress,
        Recursive = true,
    };

    /// <summary>The API key.</summary>
    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"API key to send (or {CliEnvironment.ApiKeyVariable}); needed once the silo has keys.",
        Recursive = true,
    };

    /// <summary>The output format.</summary>
    public Option<OutputFormat> Output { get; } = new("--output")
    {
        Description = "text (default) or json (for scripts).",
        DefaultValueFactory = _ => OutputFormat.Text,
        Recursive = true,
    };

    /// <summary>Adds the options to the root command (they apply to every subcommand).</summary>
    public void AddTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(Server);
        root.Options.Add(ApiKey);
        root.Options.Add(Output);
    }

    /// <summary>Parses an absolute http(s) address, reporting anything else as a parse error that names the value.</summary>
    public static Uri? ParseAddress(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (TryParseAddress(text, out var address))
        {
            return address;
        }

        result.AddError($"--server '{text}' is not an absolute http:// or https:// address.");
        return null;
    }

    /// <summary>True when <paramref name="text"/> is an absolute http or https address.</summary>
    public static bool TryParseAddress(string? text, out Uri address)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
        {
            address = parsed;
            return true;
        }

        address = null!;
        return false;
    }
}
