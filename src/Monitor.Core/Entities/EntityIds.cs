using System.Text;

namespace Monitor.Core.Entities;

/// <summary>
/// Entity ids: lower-case letters, digits and single hyphens (<c>ilham-aliyev</c>, <c>mfa-azerbaijan</c>), at most
/// <see cref="MaxLength"/> characters; an import derives one from the entity's name.
/// </summary>
public static class EntityIds
{
    /// <summary>Longest id.</summary>
    public const int MaxLength = 100;

    /// <summary>Whether <paramref name="id"/> is a well-formed entity id; <paramref name="reason"/> says why not.</summary>
    public static bool IsValid(string? id, out string reason)
    {
        reason = "";
        if (string.IsNullOrEmpty(id))
        {
            reason = "must not be empty";
        }
        else if (id.Length > MaxLength)
        {
            reason = $"must be at most {MaxLength} characters";
        }
        else if (!id.All(c => (char.IsLetterOrDigit(c) && !char.IsUpper(c)) || c == '-') || id.StartsWith('-') || id.EndsWith('-') || id.Contains("--", StringComparison.Ordinal))
        {
            reason = "must be lower-case letters and digits separated by single hyphens, like 'ilham-aliyev'";
        }

        return reason.Length == 0;
    }

    /// <summary>The id an entity named <paramref name="name"/> gets: lower case (letters keep their accents: the silo runs without ICU), words joined by hyphens.</summary>
    public static string FromName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var id = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                id.Append(char.ToLowerInvariant(c));
            }
            else if (id.Length > 0 && id[^1] != '-')
            {
                id.Append('-');
            }
        }

        var text = id.ToString().TrimEnd('-');
        text = text.Length > MaxLength ? text[..MaxLength].TrimEnd('-') : text;
        return text.Length > 0 ? text : throw new ArgumentException($"The name '{name}' has no letter or digit to make an id from.", nameof(name));
    }
}
