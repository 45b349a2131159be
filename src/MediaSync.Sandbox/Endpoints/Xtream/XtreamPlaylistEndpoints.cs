using System.Globalization;
using System.Text;
using MediaSync.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaSync.Sandbox.Endpoints.Xtream;

/// <summary><c>get.php</c>: the M3U playlist of live channels, movies and episodes (doc §1.8), streamed line by line.</summary>
internal static class XtreamPlaylistEndpoints
{
    private const int FlushThreshold = 32 * 1024;

    public static void MapXtreamPlaylist(this IEndpointRouteBuilder app, SandboxServices sandbox)
    {
        app.MapGet("/get.php", context =>
        {
            var query = context.Request.Query;
            var account = sandbox.FindAccount(query["username"], query["password"]);
            if (account is null)
            {
                return sandbox.Gate.RunAsync(context, "xtream:get.php:auth_failed", (ctx, _) =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                });
            }

            var hls = string.Equals(query["output"], "m3u8", StringComparison.OrdinalIgnoreCase) || string.Equals(query["output"], "hls", StringComparison.OrdinalIgnoreCase);
            return sandbox.Gate.RunAsync(context, "xtream:get.php", (ctx, ct) => WritePlaylistAsync(ctx, sandbox, account, hls, ct));
        });
    }

    private static async Task WritePlaylistAsync(HttpContext context, SandboxServices sandbox, SandboxAccount account, bool hls, CancellationToken ct)
    {
        context.Response.ContentType = "audio/x-mpegurl; charset=utf-8";
        var catalog = sandbox.Catalog;
        var baseUrl = XtreamApiEndpoints.BaseUrl(context);
        var user = Uri.EscapeDataString(account.Username);
        var pass = Uri.EscapeDataString(account.Password);
        var liveGroups = catalog.Categories(SandboxKind.Live).ToDictionary(c => c.Id, c => c.Name);
        var vodGroups = catalog.Categories(SandboxKind.Vod).ToDictionary(c => c.Id, c => c.Name);
        var seriesGroups = catalog.Categories(SandboxKind.Series).ToDictionary(c => c.Id, c => c.Name);
        var text = new StringBuilder(FlushThreshold * 2);
        text.Append(CultureInfo.InvariantCulture, $"#EXTM3U url-tvg=\"{baseUrl}/xmltv.php?username={user}&password={pass}\"\n");

        foreach (var live in catalog.LiveChannels)
        {
            Entry(text, live.EpgChannelId, live.Name, $"{baseUrl}/images/live/{live.StreamId}.png", liveGroups[live.CategoryId], $"{baseUrl}/live/{user}/{pass}/{live.StreamId}.{(hls ? "m3u8" : "ts")}");
            await FlushIfFullAsync(context, text, ct).ConfigureAwait(false);
        }

        foreach (var movie in catalog.Movies)
        {
            Entry(text, string.Empty, movie.Name, $"{baseUrl}/images/movie/{movie.StreamId}.jpg", vodGroups[movie.CategoryId], $"{baseUrl}/movie/{user}/{pass}/{movie.StreamId}.{movie.ContainerExtension}");
            await FlushIfFullAsync(context, text, ct).ConfigureAwait(false);
        }

        foreach (var series in catalog.Series)
        {
            foreach (var episode in catalog.GetEpisodes(series.SeriesId))
            {
                Entry(text, string.Empty, episode.Title, $"{baseUrl}/images/series/{series.SeriesId}.jpg", seriesGroups[series.CategoryId], $"{baseUrl}/series/{user}/{pass}/{episode.Id}.{episode.ContainerExtension}");
            }

            await FlushIfFullAsync(context, text, ct).ConfigureAwait(false);
        }

        await FlushIfFullAsync(context, text, ct, force: true).ConfigureAwait(false);
    }

    private static void Entry(StringBuilder text, string tvgId, string name, string logo, string group, string url) =>
        text.Append(CultureInfo.InvariantCulture, $"#EXTINF:-1 tvg-id=\"{tvgId}\" tvg-name=\"{name}\" tvg-logo=\"{logo}\" group-title=\"{group}\",{name}\n{url}\n");

    private static async Task FlushIfFullAsync(HttpContext context, StringBuilder text, CancellationToken ct, bool force = false)
    {
        if (text.Length < FlushThreshold && !force)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        text.Clear();
        await context.Response.Body.WriteAsync(bytes, ct).ConfigureAwait(false);
    }
}
