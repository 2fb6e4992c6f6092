namespace Monitor.Abstractions.Access;

/// <summary>
/// The roles an API key carries. They are cumulative: <c>admin</c> may do everything, <c>writer</c> ingests and imports
/// and reads, <c>reader</c> only reads.
/// </summary>
public static class ApiKeyRoles
{
    public const string Reader = "reader";
    public const string Writer = "writer";
    public const string Admin = "admin";

    /// <summary>Every role, weakest first.</summary>
    public static readonly string[] All = [Reader, Writer, Admin];

    /// <summary>True for one of <see cref="All"/> (exact, lower case).</summary>
    public static bool IsValid(string? role) => role is Reader or Writer or Admin;

    /// <summary>True when a key with <paramref name="role"/> may do what <paramref name="required"/> may.</summary>
    public static bool Includes(string role, string required) => Array.IndexOf(All, role) >= Array.IndexOf(All, required) && IsValid(required);
}
