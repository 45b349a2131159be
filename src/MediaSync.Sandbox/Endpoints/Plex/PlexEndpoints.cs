using System.Globalization;
using System.Text.Json;
using MediaSync.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaSync.Sandbox.Endpoints.Plex;

/// <summary>
/// Plex Media Server's library endpoints (doc §3), JSON only: sections, section listings by type with container
/// paging and <c>updatedAt&gt;&gt;=</c>/<c>addedAt&gt;&gt;=</c> filters (strictly after; other spellings are silently
/// ignored, as on a real server), children, all leaves and multi-key metadata.
/// </summary>
internal static class PlexEndpoints
{
    public const string SectionKey = "1";
    private const string MachineIdentifier = "sandbox0plex0machine0identifier0";

    public static void MapPlex(this IEndpointRouteBuilder app, SandboxServices sandbox)
    {
        app.MapGet("/library/sections", context => Run(context, sandbox, "plex:sections", (ctx, ct) => JsonBody.WriteAsync(ctx, json => WriteSections(json, sandbox), ct)));
        app.MapGet("/library/sections/{section}/all", context =>
            Run(context, sandbox, $"plex:all:type={TypeOf(context)}", (ctx, ct) => AllAsync(ctx, sandbox, ct)));
        app.MapGet("/library/metadata/{keys}/children", context =>
            Run(context, sandbox, $"plex:children:{context.Request.RouteValues["keys"]}", (ctx, ct) => ChildrenAsync(ctx, sandbox, leaves: false, ct)));
        app.MapGet("/library/metadata/{keys}/allLeaves", context =>
            Run(context, sandbox, $"plex:allLeaves:{context.Request.RouteValues["keys"]}", (ctx, ct) => ChildrenAsync(ctx, sandbox, leaves: true, ct)));
        app.MapGet("/library/metadata/{keys}", context =>
            Run(context, sandbox, "plex:metadata", (ctx, ct) => MetadataAsync(ctx, sandbox, ct)));
    }

    private static Task Run(HttpContext context, SandboxServices sandbox, string key, Func<HttpContext, CancellationToken, Task> handler) =>
        sandbox.Gate.RunAsync(context, key, (ctx, ct) =>
        {
            var token = ctx.Request.Headers["X-Plex-Token"].ToString();
            if (token.Length == 0)
            {
                token = ctx.Request.Query["X-Plex-Token"].ToString();
            }

            if (!string.Equals(token, sandbox.Options.PlexToken, StringComparison.Ordinal))
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                ctx.Response.ContentType = "text/html";
                return ctx.Response.WriteAsync("<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>", ct);
            }

            // PMS answers XML unless the client asks for JSON (§3.1); the sandbox only speaks JSON, so a client that
            // forgets the Accept header gets an XML container it cannot parse, as it would in production.
            if (!ctx.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                ctx.Response.ContentType = "text/xml;charset=utf-8";
                return ctx.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MediaContainer size=\"0\" identifier=\"com.plexapp.plugins.library\"></MediaContainer>\n", ct);
            }

            return handler(ctx, ct);
        });

    private static string TypeOf(HttpContext context) => context.Request.Query["type"].ToString() is { Length: > 0 } type ? type : "2";

    private static void WriteSections(Utf8JsonWriter json, SandboxServices sandbox)
    {
        var catalog = sandbox.Catalog;
        var updated = catalog.TvShows.Select(s => s.UpdatedAt).Concat(catalog.TvEpisodes.Select(e => e.UpdatedAt)).DefaultIfEmpty(DateTimeOffset.FromUnixTimeSeconds(SandboxCatalog.BaseUnixTime)).Max();
        json.WriteStartObject();
        json.WriteStartObject("MediaContainer");
        json.WriteNumber("size", 1);
        json.WriteBoolean("allowSync", false);
        json.WriteString("title1", "Plex Library");
        json.WriteStartArray("Directory");
        json.WriteStartObject();
        json.WriteString("key", SectionKey);
        json.WriteString("type", "show");
        json.WriteString("title", "TV Shows");
        json.WriteString("agent", "tv.plex.agents.series");
        json.WriteString("scanner", "Plex TV Series");
        json.WriteString("language", "en-US");
        json.WriteString("uuid", "5a6e6462-7870-6c65-7800-000000000001");
        json.WriteNumber("updatedAt", updated.ToUnixTimeSeconds());
        json.WriteNumber("createdAt", SandboxCatalog.BaseUnixTime - (86_400L * 400));
        json.WriteNumber("scannedAt", updated.ToUnixTimeSeconds());
        json.WriteNumber("contentChangedAt", updated.ToUnixTimeSeconds());
        json.WriteStartArray("Location");
        json.WriteStartObject();
        json.WriteNumber("id", 1);
        json.WriteString("path", "/data/tv");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static Task AllAsync(HttpContext context, SandboxServices sandbox, CancellationToken ct)
    {
        if (!string.Equals(context.Request.RouteValues["section"]?.ToString(), SectionKey, StringComparison.Ordinal))
        {
            return Status(context, StatusCodes.Status404NotFound, ct);
        }

        var catalog = sandbox.Catalog;
        var query = context.Request.Query;
        if (TypeOf(context) is not ("1" or "2" or "3" or "4"))
        {
            return Status(context, StatusCodes.Status400BadRequest, ct);
        }

        IEnumerable<PlexItem> items = TypeOf(context) switch
        {
            "2" => catalog.TvShows.Select(PlexItem.ForShow),
            "3" => SeasonsWithShows(catalog),
            "4" => EpisodesWithShows(catalog),
            _ => [], // movies: the sandbox's only section holds shows
        };

        // Only the python-plexapi spelling is understood; anything else is ignored and the whole section returned.
        foreach (var (name, select) in new (string, Func<PlexItem, long>)[] { ("updatedAt", i => i.UpdatedAt), ("addedAt", i => i.AddedAt) })
        {
            if (query.TryGetValue(name + ">>", out var after))
            {
                if (!long.TryParse(after, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bound))
                {
                    return Status(context, StatusCodes.Status400BadRequest, ct);
                }

                items = items.Where(i => select(i) > bound);
            }

            if (query.TryGetValue(name + "<<", out var before))
            {
                if (!long.TryParse(before, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bound))
                {
                    return Status(context, StatusCodes.Status400BadRequest, ct);
                }

                items = items.Where(i => select(i) < bound);
            }
        }

        return WriteContainerAsync(context, sandbox, Sorted(items, query["sort"].ToString()), paged: true, ct);
    }

    /// <summary><c>sort=addedAt:asc</c> keeps paging stable while items are added (§3.2); unknown sorts keep library order.</summary>
    private static IEnumerable<PlexItem> Sorted(IEnumerable<PlexItem> items, string sort)
    {
        var parts = sort.Split(':', 2);
        var descending = parts.Length == 2 && string.Equals(parts[1], "desc", StringComparison.OrdinalIgnoreCase);
        Func<PlexItem, long>? key = parts[0] switch
        {
            "addedAt" => i => i.AddedAt,
            "updatedAt" => i => i.UpdatedAt,
            _ => null,
        };

        if (key is null)
        {
            return items;
        }

        return descending ? items.OrderByDescending(key).ThenBy(i => i.Order) : items.OrderBy(key).ThenBy(i => i.Order);
    }

    private static Task ChildrenAsync(HttpContext context, SandboxServices sandbox, bool leaves, CancellationToken ct)
    {
        var catalog = sandbox.Catalog;
        var key = context.Request.RouteValues["keys"]?.ToString();
        var found = PlexItem.Find(catalog, key);
        IEnumerable<PlexItem>? children = found switch
        {
            { Type: "show" } show when leaves => catalog.GetTvEpisodes(show.Show.Number).Select(e => PlexItem.ForEpisode(show.Show, e)),
            { Type: "show" } show => AllEpisodesDirectory(context, show).Concat(catalog.GetTvSeasons(show.Show.Number).Select(s => PlexItem.ForSeason(show.Show, s))),
            { Type: "season" } season => catalog.GetTvEpisodes(season.Show.Number, season.Season!.SeasonNumber).Select(e => PlexItem.ForEpisode(season.Show, e)),
            { Type: "episode" } => [],
            _ => null,
        };

        return children is null ? Status(context, StatusCodes.Status404NotFound, ct) : WriteContainerAsync(context, sandbox, children, paged: true, ct);
    }

    /// <summary>Plex lists an "All episodes" entry first among a show's children unless <c>excludeAllLeaves=1</c> (it has no ratingKey).</summary>
    private static IEnumerable<PlexItem> AllEpisodesDirectory(HttpContext context, PlexItem show) =>
        context.Request.Query["excludeAllLeaves"] == "1" ? [] : [show with { Type = "allLeaves" }];

    private static Task MetadataAsync(HttpContext context, SandboxServices sandbox, CancellationToken ct)
    {
        var keys = context.Request.RouteValues["keys"]?.ToString()?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var found = keys.Select(k => PlexItem.Find(sandbox.Catalog, k)).OfType<PlexItem>().ToList();
        return found.Count == 0 ? Status(context, StatusCodes.Status404NotFound, ct) : WriteContainerAsync(context, sandbox, found, paged: false, ct);
    }

    private static IEnumerable<PlexItem> SeasonsWithShows(SandboxCatalog catalog)
    {
        foreach (var show in catalog.TvShows)
        {
            foreach (var season in catalog.GetTvSeasons(show.Number))
            {
                yield return PlexItem.ForSeason(show, season);
            }
        }
    }

    private static IEnumerable<PlexItem> EpisodesWithShows(SandboxCatalog catalog)
    {
        foreach (var show in catalog.TvShows)
        {
            foreach (var episode in catalog.GetTvEpisodes(show.Number))
            {
                yield return PlexItem.ForEpisode(show, episode);
            }
        }
    }

    private static Task WriteContainerAsync(HttpContext context, SandboxServices sandbox, IEnumerable<PlexItem> items, bool paged, CancellationToken ct)
    {
        var start = Paging(context, "X-Plex-Container-Start");
        var size = Paging(context, "X-Plex-Container-Size");
        var isPaged = paged && (start is not null || size is not null);
        return JsonBody.WriteAsync(context, async (json, token) =>
        {
            var page = items.Skip(start ?? 0);
            if (size is { } take)
            {
                page = page.Take(take);
            }

            json.WriteStartObject();
            json.WriteStartObject("MediaContainer");
            var written = 0;
            foreach (var item in page)
            {
                if (written == 0)
                {
                    json.WriteStartArray("Metadata");
                }

                item.Write(json, sandbox.Catalog, context.Request.Query["includeGuids"] == "1");
                written++;
                await JsonBody.FlushIfFullAsync(json, token).ConfigureAwait(false);
            }

            // An empty container omits Metadata entirely (§3.3).
            if (written > 0)
            {
                json.WriteEndArray();
            }

            json.WriteNumber("size", written);
            if (isPaged)
            {
                json.WriteNumber("totalSize", items.Count());
                json.WriteNumber("offset", start ?? 0);
            }

            json.WriteString("identifier", "com.plexapp.plugins.library");
            json.WriteNumber("librarySectionID", 1);
            json.WriteString("machineIdentifier", MachineIdentifier);
            json.WriteEndObject();
            json.WriteEndObject();
        }, ct);
    }

    private static int? Paging(HttpContext context, string name)
    {
        var value = context.Request.Headers[name].ToString();
        if (value.Length == 0)
        {
            value = context.Request.Query[name].ToString();
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 ? parsed : null;
    }

    private static Task Status(HttpContext context, int status, CancellationToken ct)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        return context.Response.WriteAsync($"<html><body><h1>{status}</h1></body></html>", ct);
    }
}
