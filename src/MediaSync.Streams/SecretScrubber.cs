namespace MediaSync.Streams;

/// <summary>
/// Removes credentials from stream URLs and from any text (exception messages) that might echo them.
/// Xtream panels put the user name and password in the path (<c>/live/{U}/{P}/{id}.ts</c>, and the
/// short form <c>/{U}/{P}/{id}</c>); load balancers add tokens to the query; some URLs carry user info.
/// </summary>
internal static class SecretScrubber
{
    private const string Mask = "***";

    private static readonly string[] XtreamPrefixes = ["live", "movie", "series", "timeshift"];

    private static readonly string[] SensitiveQueryNames =
        ["username", "user", "password", "pass", "pwd", "token", "key", "api_key", "apikey", "auth", "signature", "sig", "code", "access_token", "x-plex-token"];

    /// <summary>The URL with every credential replaced by <c>***</c>; safe to log and to store.</summary>
    public static string Redact(Uri url) => Scrub(url.OriginalString, url);

    /// <summary>Replaces every secret that <paramref name="url"/> carries wherever it appears in <paramref name="text"/>.</summary>
    public static string Scrub(string text, Uri url)
    {
        foreach (string secret in SecretsOf(url))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The credential values a URL carries, longest first so a secret containing another is masked whole.</summary>
    public static IReadOnlyList<string> SecretsOf(Uri url)
    {
        var secrets = new List<string>();
        if (!url.IsAbsoluteUri)
        {
            return secrets;
        }

        if (url.UserInfo.Length > 0)
        {
            secrets.AddRange(url.UserInfo.Split(':', StringSplitOptions.RemoveEmptyEntries));
        }

        string[] segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 4 && XtreamPrefixes.Contains(segments[0], StringComparer.OrdinalIgnoreCase))
        {
            secrets.Add(segments[1]);
            secrets.Add(segments[2]);
        }
        else if (segments.Length == 3 && IsStreamId(segments[2]))
        {
            secrets.Add(segments[0]);
            secrets.Add(segments[1]);
        }

        foreach (string pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && equals < pair.Length - 1
                && SensitiveQueryNames.Contains(Uri.UnescapeDataString(pair[..equals]), StringComparer.OrdinalIgnoreCase))
            {
                secrets.Add(pair[(equals + 1)..]);
            }
        }

        // Masking the unescaped form too covers messages that print the decoded URL.
        return secrets
            .SelectMany(s => new[] { s, Uri.UnescapeDataString(s) })
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToList();
    }

    private static bool IsStreamId(string segment)
    {
        int dot = segment.IndexOf('.', StringComparison.Ordinal);
        string id = dot < 0 ? segment : segment[..dot];
        return id.Length > 0 && id.All(char.IsAsciiDigit);
    }
}
