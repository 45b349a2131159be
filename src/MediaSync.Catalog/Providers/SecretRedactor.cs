using System.Text.RegularExpressions;

namespace MediaSync.Catalog.Providers;

/// <summary>
/// Removes credentials from URLs and messages before they reach a log line or an exception:
/// secret query parameters, the <c>/live|movie|series|timeshift/{user}/{pass}/</c> path segments,
/// authorization header values, and any literal secret a client knows it holds.
/// </summary>
internal static partial class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>Redacts well-known secret shapes, then every literal in <paramref name="secrets"/> (plain and URL-encoded).</summary>
    public static string Redact(string? text, IReadOnlyCollection<string>? secrets = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        string result = SecretQueryParameter().Replace(text, m => m.Groups["key"].Value + Mask);
        result = CredentialPathSegments().Replace(result, m => m.Groups["kind"].Value + Mask + "/" + Mask + "/");
        result = AuthorizationValue().Replace(result, m => m.Groups["scheme"].Value + Mask);
        result = TokenAttribute().Replace(result, m => m.Groups["key"].Value + Mask + "\"");
        if (secrets is not null)
        {
            foreach (string secret in secrets)
            {
                // Very short secrets would mask ordinary text ("1", "a") and reveal more than they hide.
                if (secret.Length < 3)
                {
                    continue;
                }

                result = result.Replace(secret, Mask, StringComparison.Ordinal);
                string encoded = Uri.EscapeDataString(secret);
                if (encoded != secret)
                {
                    result = result.Replace(encoded, Mask, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        return result;
    }

    /// <summary>Redacts a URL for logs.</summary>
    public static string Redact(Uri? url, IReadOnlyCollection<string>? secrets = null) =>
        url is null ? string.Empty : Redact(url.OriginalString, secrets);

    [GeneratedRegex(@"(?<key>[?&;](?:username|password|pass|pwd|api_key|apikey|token|access_token|refresh|access|x-plex-token|x-emby-token|key)=)[^&#\s""']*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretQueryParameter();

    // Playback paths end in the stream file right after the credentials (/live/U/P/101.ts, /live/U/P/101);
    // catch-up paths carry more segments. Requiring that shape keeps API paths such as TMDb's
    // /movie/550/watch/providers readable.
    [GeneratedRegex(@"(?<kind>/(?:(?:live|movie|series)/(?=[^/\s?#]+/[^/\s?#]+/(?:\d+|[^/\s?#""']+\.[A-Za-z0-9]{2,5})(?:$|[?#\s""',;)\]]))|timeshift/))[^/\s?#]+/[^/\s?#]+/", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialPathSegments();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|ApiKey|Basic)\s+)[A-Za-z0-9\-._~+/=]+", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationValue();

    [GeneratedRegex(@"(?<key>\bToken="")[^""]*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenAttribute();
}
