using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.Storage;

/// <summary>One versioned schema script, e.g. <c>0002_reminders</c>; applied once per database, in version order.</summary>
public sealed record MigrationScript
{
    /// <summary>Creates a script; <paramref name="name"/> is the file name without extension and starts with its version number.</summary>
    public MigrationScript(string name, string sql)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sql);
        var separator = name.IndexOf('_', StringComparison.Ordinal);
        if (separator < 1 || separator == name.Length - 1
            || !int.TryParse(name.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new ArgumentException($"Migration script name '{name}' must look like '0003_observations': a version number, an underscore, a name.", nameof(name));
        }

        if (string.IsNullOrWhiteSpace(sql))
        {
            throw new ArgumentException($"Migration script '{name}' is empty.", nameof(sql));
        }

        Name = name;
        Version = version;
        Sql = sql;
        // Line endings are normalised so a checkout with CRLF does not look like an edited script.
        Checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n").Trim())));
    }

    /// <summary>The script's identity in <c>schema_version</c>, e.g. <c>0001_grain_state</c>.</summary>
    public string Name { get; }

    /// <summary>The leading number of <see cref="Name"/>; scripts run in ascending version (then name) order.</summary>
    public int Version { get; }

    /// <summary>The SQL text, possibly several statements.</summary>
    public string Sql { get; }

    /// <summary>SHA-256 of the normalised SQL, recorded when applied so a later edit of an applied script is caught.</summary>
    public string Checksum { get; }
}
