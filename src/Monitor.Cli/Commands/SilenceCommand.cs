using System.CommandLine;
using System.Globalization;
using Monitor.Abstractions.Alerts;
using Monitor.Client;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>silence add|list|expire</c> through <c>/api/silences</c>: for example
/// <c>monitor silence add kind=drop group=turkic-mfa --for 2h --comment "known purge"</c>.
/// </summary>
public static class SilenceCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("silence", "Mute alerts by matchers for a while (add), list silences, expire one.")
        {
            CreateAdd(context),
            CreateList(context),
            CreateExpire(context),
        };
    }

    /// <summary>
    /// Parses <c>name=value</c>, <c>name!=value</c>, <c>name=~regex</c> and <c>name!~regex</c> into matchers (the silo
    /// checks names and regexes and explains what it refuses).
    /// </summary>
    public static IReadOnlyList<SilenceMatcher> ParseMatchers(IEnumerable<string> texts)
    {
        var matchers = new List<SilenceMatcher>();
        foreach (var text in texts)
        {
            var at = text.IndexOfAny(['=', '!']);
            var op = at < 1 || at == text.Length - 1 ? null
                : text[at] == '!' ? (text[at + 1] is '=' or '~' ? $"!{text[at + 1]}" : null)
                : text[at + 1] == '~' ? "=~" : "=";
            if (op is null)
            {
                throw new ArgumentException($"'{text}' is not a matcher like kind=drop, group!=g, account=~'x:1.*' or platform!~'x|bluesky'.");
            }

            matchers.Add(new SilenceMatcher(text[..at].Trim(), op, text[(at + op.Length)..].Trim()));
        }

        return matchers;
    }

    private static Command CreateAdd(CliContext context)
    {
        var matchers = new Argument<string[]>("matchers")
        {
            Description = "One or more of account, group, platform, kind, severity with =, !=, =~ (regex) or !~, e.g. kind=drop group=~'turkic-.*'.",
            Arity = ArgumentArity.OneOrMore,
        };
        var duration = new Option<string>("--for") { Description = "How long: a duration (2h, 30m, 7d) or an ISO 8601 end time.", Required = true };
        var comment = new Option<string?>("--comment") { Description = "Why (shown with the silence)." };
        var author = new Option<string?>("--author") { Description = "Who (default: your user name)." };
        var command = new Command("add", "Add a silence; alerts matching every matcher are muted (stored and listed, not delivered) until it expires.")
        {
            matchers, duration, comment, author,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var parsed = ParseMatchers(parseResult.GetValue(matchers) ?? []);
            var expiresAt = KeyExpiry.Parse(parseResult.GetValue(duration)!, DateTimeOffset.UtcNow);
            using var http = context.CreateHttp(parseResult);
            var silence = await new MonitorClient(http).AddSilenceAsync(
                new NewSilence(parsed, expiresAt, parseResult.GetValue(comment), parseResult.GetValue(author) ?? Environment.UserName), cancellationToken);
            await context.WriteAsync(parseResult, silence, Describe(silence));
        });
        return command;
    }

    private static Command CreateList(CliContext context)
    {
        var all = new Option<bool>("--all") { Description = "Include expired silences." };
        var command = new Command("list", "List silences in force (or all kept, with --all).") { all };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult);
            var silences = await new MonitorClient(http).ListSilencesAsync(parseResult.GetValue(all), cancellationToken);
            await context.WriteListAsync(parseResult, silences, Describe);
        });
        return command;
    }

    private static Command CreateExpire(CliContext context) =>
        ByIdCommand.Create(context, "expire", "expired", "Expire a silence now (it stays in the history).", new Argument<string>("id") { Description = "The silence id." },
            silence => $"no silence {silence} in force.", (client, silence, cancellationToken) => client.ExpireSilenceAsync(silence, cancellationToken));

    private static string Describe(Silence silence)
    {
        var matchers = new List<string>();
        void Equal(string name, string? value)
        {
            if (value is not null)
            {
                matchers.Add($"{name}={value}");
            }
        }

        Equal("account", silence.Account);
        Equal("group", silence.Group);
        Equal("kind", silence.Kind);
        Equal("severity", silence.Severity);
        matchers.AddRange((silence.Matchers ?? []).Select(m => $"{m.Name}{m.Operator}{m.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{silence.Id}  {string.Join(' ', matchers)}  until {silence.ExpiresAt:yyyy-MM-dd HH:mm}Z  by {silence.CreatedBy ?? "-"}  {silence.Comment}");
    }
}
