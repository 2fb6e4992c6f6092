using System.CommandLine;
using Monitor.Abstractions.Accounts;

namespace Monitor.Cli.Accounts;

/// <summary>The profile fields <c>accounts add</c> and <c>accounts set</c> take as options.</summary>
public sealed class ProfileOptions
{
    /// <summary>The handle.</summary>
    public Option<string?> Handle { get; } = new("--handle") { Description = "Display handle." };

    /// <summary>The display name.</summary>
    public Option<string?> DisplayName { get; } = new("--display-name") { Description = "Display name." };

    /// <summary>Groups (repeatable).</summary>
    public Option<string[]> Groups { get; } = new("--group") { Description = "A group the account belongs to (repeatable).", AllowMultipleArgumentsPerToken = true };

    /// <summary>Tags (repeatable).</summary>
    public Option<string[]> Tags { get; } = new("--tag") { Description = "A tag (repeatable).", AllowMultipleArgumentsPerToken = true };

    /// <summary>Every option.</summary>
    public IReadOnlyList<Option> All => [Handle, DisplayName, Groups, Tags];

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The profile the options describe; a field not given is null (a list not given too).</summary>
    public AccountProfile Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new AccountProfile(
            parseResult.GetValue(Handle),
            parseResult.GetValue(DisplayName),
            parseResult.GetValue(Groups) is { Length: > 0 } groups ? groups : null,
            parseResult.GetValue(Tags) is { Length: > 0 } tags ? tags : null);
    }
}
