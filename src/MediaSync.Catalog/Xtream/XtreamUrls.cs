using MediaSync.Catalog.Model;

namespace MediaSync.Catalog.Xtream;

/// <summary>Builds Xtream API and stream URLs from a normalised panel base URL.</summary>
internal static class XtreamUrls
{
    /// <summary>
    /// Normalises a pasted panel URL the way Dispatcharr does: drops query and fragment and a trailing
    /// <c>*.php</c> segment (<c>/player_api.php</c>, <c>/get.php</c>), keeps any base path.
    /// </summary>
    public static Uri NormalizeBase(Uri url)
    {
        string path = url.AbsolutePath.TrimEnd('/');
        int lastSlash = path.LastIndexOf('/');
        if (lastSlash >= 0 && path[(lastSlash + 1)..].EndsWith(".php", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..lastSlash];
        }

        var builder = new UriBuilder(url.Scheme, url.Host, url.Port, path.Length == 0 ? "/" : path);
        return builder.Uri;
    }

    public static Uri Api(Uri normalizedBase, string username, string password, string? action, params (string Name, string? Value)[] parameters)
    {
        var query = new System.Text.StringBuilder();
        query.Append("username=").Append(Uri.EscapeDataString(username))
            .Append("&password=").Append(Uri.EscapeDataString(password));
        if (action is not null)
        {
            query.Append("&action=").Append(Uri.EscapeDataString(action));
        }

        foreach ((string name, string? value) in parameters)
        {
            if (value is not null)
            {
                query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return new Uri($"{Root(normalizedBase)}/player_api.php?{query}");
    }

    /// <summary>Builds the playback URL: <c>/live|movie|series/{user}/{pass}/{id}.{ext}</c> (live defaults to <c>ts</c>).</summary>
    public static Uri Stream(Uri normalizedBase, string username, string password, CatalogKind kind, string streamId, string? extension)
    {
        string segment = kind switch
        {
            CatalogKind.Live => "live",
            CatalogKind.Vod => "movie",
            CatalogKind.Series => "series",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown catalog kind"),
        };
        string ext = string.IsNullOrWhiteSpace(extension) ? (kind == CatalogKind.Live ? "ts" : "mp4") : extension.Trim().TrimStart('.');
        return new Uri($"{Root(normalizedBase)}/{segment}/{Uri.EscapeDataString(username)}/{Uri.EscapeDataString(password)}/{Uri.EscapeDataString(streamId)}.{Uri.EscapeDataString(ext)}");
    }

    /// <summary>Builds the <c>get.php</c> M3U playlist URL.</summary>
    public static Uri Playlist(Uri normalizedBase, string username, string password, string output = "ts") =>
        new($"{Root(normalizedBase)}/get.php?username={Uri.EscapeDataString(username)}&password={Uri.EscapeDataString(password)}&type=m3u_plus&output={Uri.EscapeDataString(output)}");

    private static string Root(Uri normalizedBase) => normalizedBase.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
