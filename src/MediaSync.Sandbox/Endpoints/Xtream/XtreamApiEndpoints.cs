using System.Globalization;
using System.Text.Json;
using MediaSync.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaSync.Sandbox.Endpoints.Xtream;

/// <summary>Xtream Codes <c>player_api.php</c> (doc §1.2–§1.6).</summary>
internal static class XtreamApiEndpoints
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void MapXtreamApi(this IEndpointRouteBuilder app, SandboxServices sandbox)
    {
        app.MapGet("/player_api.php", context => HandleAsync(context, sandbox));
    }

    private static async Task HandleAsync(HttpContext context, SandboxServices sandbox)
    {
        var query = context.Request.Query;
        var account = sandbox.FindAccount(query["username"], query["password"]);
        var action = query["action"].ToString();
        var key = CounterKey(action, query);
        if (account is null)
        {
            // Real panels answer bad credentials with 200 and auth 0 rather than 401 (§1.2).
            await sandbox.Gate.RunAsync(context, "xtream:auth_failed", (ctx, ct) =>
                JsonBody.WriteAsync(ctx, json => WriteAuthFailed(json), ct)).ConfigureAwait(false);
            return;
        }

        // The call's time counts from arrival, latency and injected faults included (ApiCallTime); the connection
        // counts for peaks from the end of the latency (see AccountConnections.ApiCallTime for why).
        var connections = sandbox.Counters.For(account.Username);
        connections.BeginCall();
        try
        {
            await sandbox.Gate.RunAsync(context, key, async (ctx, ct) =>
            {
                connections.OpenApi();
                try
                {
                    await RespondAsync(ctx, sandbox, account, action, ct).ConfigureAwait(false);
                }
                finally
                {
                    connections.CloseApi();
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            connections.EndCall();
        }
    }

    private static string CounterKey(string action, IQueryCollection query) => action switch
    {
        "" => "xtream:account",
        "get_live_categories" or "get_vod_categories" or "get_series_categories" => $"xtream:{action}",
        "get_live_streams" or "get_vod_streams" or "get_series" =>
            query.ContainsKey("category_id") ? $"xtream:{action}:category_id={query["category_id"]}" : $"xtream:{action}",
        "get_series_info" => $"xtream:get_series_info:series_id={query["series_id"]}",
        "get_vod_info" => $"xtream:get_vod_info:vod_id={query["vod_id"]}",
        "get_short_epg" or "get_simple_data_table" => $"xtream:{action}:stream_id={query["stream_id"]}",
        _ => "xtream:unknown_action",
    };

    private static Task RespondAsync(HttpContext context, SandboxServices sandbox, SandboxAccount account, string action, CancellationToken ct)
    {
        var query = context.Request.Query;
        var catalog = sandbox.Catalog;
        var render = new XtreamJson(catalog.Seed, BaseUrl(context));
        int? category = int.TryParse(query["category_id"], NumberStyles.Integer, Invariant, out var c) ? c : null;
        if (query.ContainsKey("category_id") && category is null)
        {
            category = -1; // an unparsable category matches nothing, like a panel's SQL filter
        }

        switch (action)
        {
            case "get_live_categories":
                return JsonBody.WriteAsync(context, json => WriteArray(json, catalog.Categories(SandboxKind.Live), XtreamJson.WriteCategory), ct);
            case "get_vod_categories":
                return JsonBody.WriteAsync(context, json => WriteArray(json, catalog.Categories(SandboxKind.Vod), XtreamJson.WriteCategory), ct);
            case "get_series_categories":
                return JsonBody.WriteAsync(context, json => WriteArray(json, catalog.Categories(SandboxKind.Series), XtreamJson.WriteCategory), ct);
            case "get_live_streams":
                return JsonBody.WriteAsync(context, (json, token) => StreamArrayAsync(json, catalog.LiveChannelsIn(category), (w, item, num) => render.WriteLive(w, item, num), token), ct);
            case "get_vod_streams":
                return JsonBody.WriteAsync(context, (json, token) => StreamArrayAsync(json, catalog.MoviesIn(category), (w, item, num) => render.WriteMovie(w, item, num), token), ct);
            case "get_series":
                return JsonBody.WriteAsync(context, (json, token) => StreamArrayAsync(json, catalog.SeriesIn(category), (w, item, num) => render.WriteSeries(w, item, num), token), ct);
            case "get_series_info":
                return JsonBody.WriteAsync(context, json => WriteSeriesInfo(json, catalog, render, query["series_id"]), ct);
            case "get_vod_info":
                return JsonBody.WriteAsync(context, json => WriteVodInfo(json, catalog, render, query["vod_id"]), ct);
            case "get_short_epg":
            case "get_simple_data_table":
                return JsonBody.WriteAsync(context, json => WriteEpg(json, sandbox, query["stream_id"], query["limit"], full: action == "get_simple_data_table"), ct);
            default:
                // An unknown or misspelt action returns the account object instead of an error (§1.2).
                return JsonBody.WriteAsync(context, json => WriteAccount(json, sandbox, account, context), ct);
        }
    }

    internal static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static void WriteAuthFailed(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartObject("user_info");
        json.WriteNumber("auth", 0);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteAccount(Utf8JsonWriter json, SandboxServices sandbox, SandboxAccount account, HttpContext context)
    {
        var now = sandbox.Time.GetUtcNow();
        json.WriteStartObject();
        json.WriteStartObject("user_info");
        json.WriteString("username", account.Username);
        json.WriteString("password", account.Password);
        json.WriteString("message", string.Empty);
        json.WriteNumber("auth", 1);
        json.WriteString("status", account.Status);
        json.WriteString("exp_date", now.AddYears(1).ToUnixTimeSeconds().ToString(Invariant));
        json.WriteString("is_trial", "0");
        json.WriteString("active_cons", sandbox.Counters.CurrentStreams(account.Username).ToString(Invariant));
        json.WriteString("created_at", SandboxCatalog.BaseUnixTime.ToString(Invariant));
        json.WriteString("max_connections", account.MaxConnections.ToString(Invariant));
        json.WriteStartArray("allowed_output_formats");
        json.WriteStringValue("m3u8");
        json.WriteStringValue("ts");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("server_info");
        json.WriteString("url", context.Request.Host.Host);
        json.WriteString("port", (context.Request.Host.Port ?? 80).ToString(Invariant));
        json.WriteString("https_port", "443");
        json.WriteString("server_protocol", "http");
        json.WriteString("rtmp_port", "8880");
        json.WriteString("timezone", "UTC");
        json.WriteNumber("timestamp_now", now.ToUnixTimeSeconds());
        json.WriteString("time_now", now.ToString("yyyy-MM-dd HH:mm:ss", Invariant));
        json.WriteBoolean("process", true);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteSeriesInfo(Utf8JsonWriter json, SandboxCatalog catalog, XtreamJson render, string? seriesId)
    {
        if (int.TryParse(seriesId, NumberStyles.Integer, Invariant, out var id) && catalog.FindSeries(id) is { } series)
        {
            render.WriteSeriesInfo(json, series, catalog.GetEpisodes(id), catalog.Options.SeasonsPerSeries);
            return;
        }

        // A removed or unknown series: PHP's empty arrays everywhere.
        json.WriteStartObject();
        json.WriteStartArray("seasons");
        json.WriteEndArray();
        json.WriteStartArray("info");
        json.WriteEndArray();
        json.WriteStartArray("episodes");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteVodInfo(Utf8JsonWriter json, SandboxCatalog catalog, XtreamJson render, string? vodId)
    {
        if (int.TryParse(vodId, NumberStyles.Integer, Invariant, out var id) && catalog.FindMovie(id) is { } movie)
        {
            render.WriteVodInfo(json, movie);
            return;
        }

        json.WriteStartObject();
        json.WriteStartArray("info");
        json.WriteEndArray();
        json.WriteStartArray("movie_data");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteEpg(Utf8JsonWriter json, SandboxServices sandbox, string? streamId, string? limit, bool full)
    {
        json.WriteStartObject();
        json.WriteStartArray("epg_listings");
        if (int.TryParse(streamId, NumberStyles.Integer, Invariant, out var id) && sandbox.Catalog.FindLiveChannel(id) is { } live)
        {
            var count = int.TryParse(limit, NumberStyles.Integer, Invariant, out var l) ? Math.Clamp(l, 1, 48) : 4;
            var now = sandbox.Time.GetUtcNow();
            var slotStart = now.AddMinutes(-(now.Minute % 30)).AddSeconds(-now.Second);
            for (var i = 0; i < count; i++)
            {
                var start = slotStart.AddMinutes(30 * i);
                var end = start.AddMinutes(30);
                json.WriteStartObject();
                json.WriteString("id", ((id * 1000L) + i).ToString(Invariant));
                json.WriteString("epg_id", id.ToString(Invariant));
                json.WriteString("title", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{live.Name} programme {i + 1}")));
                json.WriteString("lang", "en");
                json.WriteString("start", start.ToString("yyyy-MM-dd HH:mm:ss", Invariant));
                json.WriteString("end", end.ToString("yyyy-MM-dd HH:mm:ss", Invariant));
                json.WriteString("description", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("A sandbox programme.")));
                json.WriteString("channel_id", live.EpgChannelId);
                json.WriteString("start_timestamp", start.ToUnixTimeSeconds().ToString(Invariant));
                json.WriteString("stop_timestamp", end.ToUnixTimeSeconds().ToString(Invariant));
                json.WriteString("stream_id", id.ToString(Invariant));
                if (full)
                {
                    json.WriteNumber("now_playing", i == 0 ? 1 : 0);
                    json.WriteNumber("has_archive", live.TvArchive ? 1 : 0);
                }

                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteArray<T>(Utf8JsonWriter json, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartArray();
        foreach (var item in items)
        {
            write(json, item);
        }

        json.WriteEndArray();
    }

    private static async Task StreamArrayAsync<T>(Utf8JsonWriter json, IEnumerable<T> items, Action<Utf8JsonWriter, T, int> write, CancellationToken ct)
    {
        json.WriteStartArray();
        var num = 0;
        foreach (var item in items)
        {
            write(json, item, ++num);
            await JsonBody.FlushIfFullAsync(json, ct).ConfigureAwait(false);
        }

        json.WriteEndArray();
    }
}
