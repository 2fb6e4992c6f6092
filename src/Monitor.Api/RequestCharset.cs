using System.Text;
using Microsoft.Net.Http.Headers;

namespace Monitor.Api;

/// <summary>The <c>charset</c> a request body declares: honoured where the endpoint can decode it, refused otherwise (never silently read as UTF-8).</summary>
public static class RequestCharset
{
    /// <summary>The encoding of a text body (UTF-8 when none is declared); null when the declared charset is unknown.</summary>
    public static Encoding? ForText(string? contentType)
    {
        var charset = Declared(contentType);
        if (charset is null)
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>True when a JSON body (always UTF-8, RFC 8259) declares no charset or UTF-8.</summary>
    public static bool IsUtf8(string? contentType) =>
        Declared(contentType) is not { } charset || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    /// <summary>The declared charset, shortened for an error message.</summary>
    public static string? Declared(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || !parsed.Charset.HasValue || parsed.Charset.Length == 0)
        {
            return null;
        }

        var charset = parsed.Charset.ToString().Trim('"');
        return charset.Length > 40 ? charset[..40] + "…" : charset;
    }
}
