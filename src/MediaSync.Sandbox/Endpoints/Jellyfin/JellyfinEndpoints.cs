using System.Globalization;
using System.Text.Json;
using MediaSync.Sandbox.Catalog;
using MediaSync.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaSync.Sandbox.Endpoints.Jellyfin;

/// <summary>Jellyfin's TV endpoints (doc §2): users, views, <c>/Items</c> with paging and <c>minDateLastSaved</c>, per-show seasons and episodes.</summary>
internal static class JellyfinEndpoints
{
    private const string ServerId = "5a6e6462786a656c6c7966696e000001";

    public static void MapJellyfin(this IEndpointRouteBuilder app, SandboxServices sandbox)
    {
        app.MapGet("/Users", context => Run(context, sandbox, "jellyfin:users", (ctx, ct) => JsonBody.WriteAsync(ctx, json => WriteUsers(json, sandbox), ct)));
        app.MapGet("/UserViews", context => Run(context, sandbox, "jellyfin:views", (ctx, ct) => ViewsAsync(ctx, sandbox, ctx.Request.Query["userId"], ct)));
        app.MapGet("/Users/{userId}/Views", context => Run(context, sandbox, "jellyfin:views", (ctx, ct) => ViewsAsync(ctx, sandbox, ctx.Request.RouteValues["userId"]?.ToString(), ct)));
        app.MapGet("/Library/VirtualFolders", context => Run(context, sandbox, "jellyfin:virtual_folders", (ctx, ct) => JsonBody.WriteAsync(ctx, json => WriteVirtualFolders(json, sandbox), ct)));
        app.MapGet("/Items", context => Run(context, sandbox, "jellyfin:items", (ctx, ct) => ItemsAsync(ctx, sandbox, null, ct)));
        app.MapGet("/Users/{userId}/Items", context => Run(context, sandbox, "jellyfin:items", (ctx, ct) => ItemsAsync(ctx, sandbox, ctx.Request.RouteValues["userId"]?.ToString(), ct)));
        app.MapGet("/Shows/{seriesId}/Seasons", context => Run(context, sandbox, $"jellyfin:seasons:show={ShowNumber(sandbox, context)}", (ctx, ct) => SeasonsAsync(ctx, sandbox, ct)));
        app.MapGet("/Shows/{seriesId}/Episodes", context => Run(context, sandbox, $"jellyfin:episodes:show={ShowNumber(sandbox, context)}", (ctx, ct) => EpisodesAsync(ctx, sandbox, ct)));
    }

    private static Task Run(HttpContext context, SandboxServices sandbox, string key, Func<HttpContext, CancellationToken, Task> handler) =>
        sandbox.Gate.RunAsync(context, key, (ctx, ct) =>
        {
            if (!JellyfinAuth.IsAuthorized(ctx.Request, sandbox.Options))
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            return handler(ctx, ct);
        });

    private static string ShowNumber(SandboxServices sandbox, HttpContext context) =>
        sandbox.Catalog.TryDecodeJellyfinId(context.Request.RouteValues["seriesId"]?.ToString(), out var kind, out var show, out _, out _) && kind == SandboxCatalog.JellyfinSeriesKind
            ? (show + 1).ToString(CultureInfo.InvariantCulture)
            : "unknown";

    private static Task ViewsAsync(HttpContext context, SandboxServices sandbox, string? userId, CancellationToken ct)
    {
        if (userId is not null && !string.Equals(userId.Replace("-", string.Empty, StringComparison.Ordinal), sandbox.Catalog.JellyfinUserId, StringComparison.OrdinalIgnoreCase))
        {
            return Problem(context, StatusCodes.Status404NotFound, $"User {userId} not found.", ct);
        }

        return JsonBody.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("Items");
            json.WriteStartObject();
            json.WriteString("Name", "TV Shows");
            json.WriteString("ServerId", ServerId);
            json.WriteString("Id", sandbox.Catalog.JellyfinLibraryId);
            json.WriteString("CollectionType", "tvshows");
            json.WriteString("Type", "CollectionFolder");
            json.WriteBoolean("IsFolder", true);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteNumber("TotalRecordCount", 1);
            json.WriteNumber("StartIndex", 0);
            json.WriteEndObject();
        }, ct);
    }

    private static void WriteUsers(Utf8JsonWriter json, SandboxServices sandbox)
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteString("Name", "sandbox");
        json.WriteString("ServerId", ServerId);
        json.WriteString("Id", sandbox.Catalog.JellyfinUserId);
        json.WriteStartObject("Policy");
        json.WriteBoolean("IsAdministrator", true);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteVirtualFolders(Utf8JsonWriter json, SandboxServices sandbox)
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteString("Name", "TV Shows");
        json.WriteStartArray("Locations");
        json.WriteStringValue("/media/tv");
        json.WriteEndArray();
        json.WriteString("CollectionType", "tvshows");
        json.WriteString("ItemId", sandbox.Catalog.JellyfinLibraryId);
        json.WriteString("RefreshStatus", "Idle");
        json.WriteNumber("RefreshProgress", 0);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static Task ItemsAsync(HttpContext context, SandboxServices sandbox, string? userId, CancellationToken ct)
    {
        var query = JellyfinQuery.Parse(context.Request.Query, userId, out var error);
        if (error is not null)
        {
            return Problem(context, StatusCodes.Status400BadRequest, error, ct);
        }

        var catalog = sandbox.Catalog;
        IEnumerable<JellyfinItem> source;
        if (query.ParentId is null || string.Equals(query.ParentId, catalog.JellyfinLibraryId, StringComparison.OrdinalIgnoreCase))
        {
            source = query.Recursive ? AllItems(catalog) : catalog.TvShows.Select(SeriesItem);
        }
        else if (!catalog.TryDecodeJellyfinId(query.ParentId, out var kind, out var show, out var season, out _))
        {
            return Problem(context, StatusCodes.Status400BadRequest, $"Parameter parentId: '{query.ParentId}' is not a known item id.", ct);
        }
        else
        {
            source = (kind, catalog.FindTvShow(show + 1)) switch
            {
                (SandboxCatalog.JellyfinSeriesKind, { } parent) when query.Recursive =>
                    catalog.GetTvSeasons(parent.Number).Select(s => SeasonItem(parent, s))
                        .Concat(EpisodeItems(catalog, parent, null)),
                (SandboxCatalog.JellyfinSeriesKind, { } parent) => catalog.GetTvSeasons(parent.Number).Select(s => SeasonItem(parent, s)),
                (SandboxCatalog.JellyfinSeasonKind, { } parent) => EpisodeItems(catalog, parent, season),
                _ => [],
            };
        }

        return WriteQueryResultAsync(context, sandbox, query, source, ct);
    }

    private static Task SeasonsAsync(HttpContext context, SandboxServices sandbox, CancellationToken ct)
    {
        var catalog = sandbox.Catalog;
        if (!TryShow(sandbox, context, out var show))
        {
            return Problem(context, StatusCodes.Status404NotFound, "Series not found.", ct);
        }

        var query = JellyfinQuery.Parse(context.Request.Query, null, out var error);
        return error is not null
            ? Problem(context, StatusCodes.Status400BadRequest, error, ct)
            : WriteQueryResultAsync(context, sandbox, query, catalog.GetTvSeasons(show.Number).Select(s => SeasonItem(show, s)), ct);
    }

    private static Task EpisodesAsync(HttpContext context, SandboxServices sandbox, CancellationToken ct)
    {
        var catalog = sandbox.Catalog;
        if (!TryShow(sandbox, context, out var show))
        {
            return Problem(context, StatusCodes.Status404NotFound, "Series not found.", ct);
        }

        var query = JellyfinQuery.Parse(context.Request.Query, null, out var error);
        if (error is not null)
        {
            return Problem(context, StatusCodes.Status400BadRequest, error, ct);
        }

        int? season = null;
        var seasonId = context.Request.Query["seasonId"].ToString();
        if (seasonId.Length > 0)
        {
            if (!catalog.TryDecodeJellyfinId(seasonId, out var kind, out var owner, out var number, out _)
                || kind != SandboxCatalog.JellyfinSeasonKind || owner + 1 != show.Number || number > catalog.Options.TvSeasonsPerShow)
            {
                return Problem(context, StatusCodes.Status404NotFound, $"Season {seasonId} not found.", ct);
            }

            season = number;
        }
        else if (int.TryParse(context.Request.Query["season"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            season = number;
        }

        return WriteQueryResultAsync(context, sandbox, query, EpisodeItems(catalog, show, season), ct);
    }

    private static bool TryShow(SandboxServices sandbox, HttpContext context, out SandboxTvShow show)
    {
        show = null!;
        if (sandbox.Catalog.TryDecodeJellyfinId(context.Request.RouteValues["seriesId"]?.ToString(), out var kind, out var index, out _, out _)
            && kind == SandboxCatalog.JellyfinSeriesKind
            && sandbox.Catalog.FindTvShow(index + 1) is { } found)
        {
            show = found;
            return true;
        }

        return false;
    }

    private static IEnumerable<JellyfinItem> AllItems(SandboxCatalog catalog)
    {
        var shows = catalog.TvShows.ToDictionary(s => s.Number);
        return shows.Values.Select(SeriesItem)
            .Concat(catalog.TvSeasons.Select(s => SeasonItem(shows[s.ShowNumber], s)))
            .Concat(catalog.TvEpisodes.Select(e => EpisodeItem(shows[e.ShowNumber], catalog, e)));
    }

    private static IEnumerable<JellyfinItem> EpisodeItems(SandboxCatalog catalog, SandboxTvShow show, int? season) =>
        catalog.GetTvEpisodes(show.Number, season).Select(e => EpisodeItem(show, catalog, e));

    private static JellyfinItem SeriesItem(SandboxTvShow show) => new("Series", show, null, null);

    private static JellyfinItem SeasonItem(SandboxTvShow show, SandboxTvSeason season) => new("Season", show, season, null);

    private static JellyfinItem EpisodeItem(SandboxTvShow show, SandboxCatalog catalog, SandboxTvEpisode episode) =>
        new("Episode", show, catalog.GetTvSeasons(show.Number)[episode.SeasonNumber - 1], episode);

    private static Task WriteQueryResultAsync(HttpContext context, SandboxServices sandbox, JellyfinQuery query, IEnumerable<JellyfinItem> source, CancellationToken ct) =>
        JsonBody.WriteAsync(context, async (json, token) =>
        {
            var matching = source.Where(query.Wants);
            if (query.SortByDateCreated)
            {
                matching = query.SortDescending
                    ? matching.OrderByDescending(i => i.DateCreated).ThenBy(i => i.Id, StringComparer.Ordinal)
                    : matching.OrderBy(i => i.DateCreated).ThenBy(i => i.Id, StringComparer.Ordinal);
            }

            var page = matching.Skip(query.StartIndex);
            if (query.Limit is { } limit)
            {
                page = page.Take(limit);
            }

            json.WriteStartObject();
            json.WriteStartArray("Items");
            var written = 0;
            foreach (var item in page)
            {
                WriteItem(json, sandbox, query, item);
                written++;
                await JsonBody.FlushIfFullAsync(json, token).ConfigureAwait(false);
            }

            json.WriteEndArray();

            // Jellyfin skips the count query when asked to and then reports the page size as the total.
            json.WriteNumber("TotalRecordCount", query.EnableTotalRecordCount ? matching.Count() : written);
            json.WriteNumber("StartIndex", query.StartIndex);
            json.WriteEndObject();
        }, ct);

    private static void WriteItem(Utf8JsonWriter json, SandboxServices sandbox, JellyfinQuery query, JellyfinItem item)
    {
        var catalog = sandbox.Catalog;
        var show = item.Show;
        json.WriteStartObject();
        json.WriteString("Name", item.Episode?.Name ?? (item.Season is { } s ? $"Season {s.SeasonNumber}" : show.Name));
        json.WriteString("ServerId", ServerId);
        json.WriteString("Id", item.Id);
        if (query.Fields.Contains("Etag"))
        {
            // Like Jellyfin's MD5 of the save time: equal Etag means unchanged metadata.
            var etag = StableHash.Of(catalog.Seed, 81, item.DateLastSaved.UtcTicks, show.Number, ((item.Season?.SeasonNumber ?? 0) * 1000) + (item.Episode?.EpisodeNumber ?? 0));
            json.WriteString("Etag", string.Create(CultureInfo.InvariantCulture, $"{etag:x16}{~etag:x16}"));
        }

        if (query.Fields.Contains("DateCreated"))
        {
            json.WriteString("DateCreated", Iso(item.DateCreated));
        }

        if (query.Fields.Contains("DateLastSaved"))
        {
            json.WriteString("DateLastSaved", Iso(item.DateLastSaved));
        }

        if (query.Fields.Contains("Path"))
        {
            json.WriteString("Path", item.Episode is { } p
                ? $"/media/tv/{show.Name}/Season {p.SeasonNumber:00}/S{p.SeasonNumber:00}E{p.EpisodeNumber:00}.mkv"
                : item.Season is { } sp ? $"/media/tv/{show.Name}/Season {sp.SeasonNumber:00}" : $"/media/tv/{show.Name}");
        }

        if (query.Fields.Contains("ParentId"))
        {
            json.WriteString("ParentId", item.Episode is not null ? item.Season!.JellyfinId : item.Season is not null ? show.JellyfinId : catalog.JellyfinLibraryId);
        }

        json.WriteString("PremiereDate", Iso(item.Episode?.AddedAt.Date ?? new DateTime(show.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        json.WriteNumber("ProductionYear", item.Episode?.AddedAt.Year ?? show.Year);
        if (item.Episode is { } episode)
        {
            json.WriteNumber("IndexNumber", episode.EpisodeNumber);
            json.WriteNumber("ParentIndexNumber", episode.SeasonNumber);
            json.WriteNumber("RunTimeTicks", 2_700L * 10_000_000);
        }
        else if (item.Season is { } season)
        {
            json.WriteNumber("IndexNumber", season.SeasonNumber);
        }

        json.WriteBoolean("IsFolder", item.Episode is null);
        json.WriteString("Type", item.Type);
        if (item.Type != "Series")
        {
            json.WriteString("SeriesName", show.Name);
            json.WriteString("SeriesId", show.JellyfinId);
        }

        if (item.Episode is not null)
        {
            json.WriteString("SeasonId", item.Season!.JellyfinId);
            json.WriteString("SeasonName", $"Season {item.Season.SeasonNumber}");
        }

        if (query.Fields.Contains("ProviderIds"))
        {
            json.WriteStartObject("ProviderIds");
            json.WriteString("Tvdb", item.Episode is { } pe ? string.Create(CultureInfo.InvariantCulture, $"{show.TvdbId}{pe.SeasonNumber:00}{pe.EpisodeNumber:00}") : show.TvdbId);
            if (item.Type == "Series")
            {
                json.WriteString("Tmdb", (show.Number + 1000).ToString(CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
        }

        json.WriteString("LocationType", "FileSystem");
        if (query.EnableImages)
        {
            json.WriteStartObject("ImageTags");
            json.WriteString("Primary", item.Id[..16]);
            json.WriteEndObject();
        }

        if (query.EnableUserData && query.UserId is not null)
        {
            json.WriteStartObject("UserData");
            json.WriteNumber("PlaybackPositionTicks", 0);
            json.WriteNumber("PlayCount", 0);
            json.WriteBoolean("IsFavorite", false);
            json.WriteBoolean("Played", false);
            json.WriteString("Key", item.Id);
            json.WriteString("ItemId", item.Id);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static Task Problem(HttpContext context, int status, string message, CancellationToken ct)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, ct);
    }
}
