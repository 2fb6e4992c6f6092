using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.AccessControl;

/// <summary>
/// The key format <c>mon_&lt;id&gt;_&lt;secret&gt;</c>: a 16-hex-digit id that finds the stored row, and a 256-bit random secret
/// (base64url) of which only the SHA-256 is stored and compared in constant time.
/// </summary>
public static class ApiKeySecret
{
    /// <summary>What every key starts with (lets secret scanners recognise a leaked key).</summary>
    public const string Prefix = "mon_";

    private const int IdLength = 16;

    // 32 random bytes in base64url without padding, as Generate makes them.
    private const int SecretLength = 43;

    /// <summary>A new key id and the full key text to hand to the user once.</summary>
    public static (string Id, string Key) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>Splits a presented key into id and secret; false for anything not in the key format.</summary>
    public static bool TryParse(string? key, [NotNullWhen(true)] out string? id, [NotNullWhen(true)] out string? secret)
    {
        id = null;
        secret = null;
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length < Prefix.Length + IdLength + 2
            || key[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        var idPart = key.Substring(Prefix.Length, IdLength);
        if (!idPart.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        id = idPart;
        secret = key[(Prefix.Length + IdLength + 1)..];
        return true;
    }

    /// <summary>True for a key in the format <see cref="Generate"/> makes, with a secret as long (a key an operator supplies).</summary>
    public static bool IsWellFormed(string? key, [NotNullWhen(true)] out string? id)
    {
        id = null;
        if (!TryParse(key, out var parsedId, out var secret) || secret.Length != SecretLength
            || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        id = parsedId;
        return true;
    }

    /// <summary>The stored form: SHA-256 of the whole key text, lower-case hex.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>True when <paramref name="key"/> hashes to <paramref name="storedHash"/>; constant time in the hash.</summary>
    public static bool Matches(string key, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        var presented = Encoding.ASCII.GetBytes(Hash(key));
        var stored = Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }
}
