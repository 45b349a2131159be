using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MediaSync.Catalog.Storage;

/// <summary>
/// Wraps the service's continuation (next partition and row key) in an opaque, URL-safe string bound to
/// the query it came from, so a token pasted into another query fails clearly instead of skipping rows.
/// </summary>
internal static class ContinuationToken
{
    private const char Separator = '\n';

    public static string Encode(string scope, string serviceToken) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(ScopeTag(scope) + Separator + serviceToken));

    public static string? Decode(string scope, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The continuation token is not valid: it is not a token this API issued.", nameof(token), ex);
        }

        int separator = text.IndexOf(Separator, StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new ArgumentException("The continuation token is not valid: it is not a token this API issued.", nameof(token));
        }

        if (text[..separator] != ScopeTag(scope))
        {
            throw new ArgumentException("The continuation token belongs to a different query.", nameof(token));
        }

        return text[(separator + 1)..];
    }

    private static string ScopeTag(string scope) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(scope)).AsSpan(0, 6));
}
