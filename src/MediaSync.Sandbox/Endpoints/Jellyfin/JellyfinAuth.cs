using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Sandbox.Endpoints.Jellyfin;

/// <summary>Jellyfin's authorization forms (doc §2.1): the <c>MediaBrowser Token</c> header always, legacy forms only when enabled.</summary>
internal static partial class JellyfinAuth
{
    public static bool IsAuthorized(HttpRequest request, SandboxOptions options)
    {
        var key = options.JellyfinApiKey;
        var authorization = request.Headers.Authorization.ToString();
        if (TokenOf(authorization, "MediaBrowser") == key || request.Query["ApiKey"] == key)
        {
            return true;
        }

        if (!options.JellyfinLegacyAuthorization)
        {
            return false;
        }

        return TokenOf(authorization, "Emby") == key
            || TokenOf(request.Headers["X-Emby-Authorization"].ToString(), "MediaBrowser") == key
            || TokenOf(request.Headers["X-Emby-Authorization"].ToString(), "Emby") == key
            || request.Headers["X-Emby-Token"] == key
            || request.Headers["X-MediaBrowser-Token"] == key
            || request.Query["api_key"] == key;
    }

    private static string? TokenOf(string header, string scheme)
    {
        if (!header.StartsWith(scheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var match = TokenPattern().Match(header);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("Token=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex TokenPattern();
}
