using System.Globalization;
using System.Text.Json;
using MediaSync.Sandbox.Catalog;
using MediaSync.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaSync.Sandbox.Endpoints.Tmdb;

/// <summary>
/// TMDb v3 (doc §4): watch providers per movie/TV id, details with <c>append_to_response</c>, TMDb-shaped errors, and
/// the soft rate ceiling (429, <c>status_code</c> 25, <c>Retry-After</c>) counted per second on the sandbox clock.
/// </summary>
internal static class TmdbEndpoints
{
    private static readonly string[] Countries = ["US", "GB", "DE", "FR", "CA", "NL"];
    private static readonly string[] Monetisations = ["flatrate", "rent", "buy", "ads", "free"];

    private static readonly (int Id, string Name)[] Providers =
    [
        (8, "Netflix"), (9, "Amazon Prime Video"), (337, "Disney Plus"), (15, "Hulu"),
        (350, "Apple TV Plus"), (2, "Apple TV"), (3, "Google Play Movies"), (531, "Paramount Plus"),
    ];

    public static void MapTmdb(this IEndpointRouteBuilder app, SandboxServices sandbox)
    {
        var limiter = new TmdbRateLimiter(sandbox.Time, sandbox.Options.TmdbRequestsPerSecond);
        foreach (var media in new[] { "movie", "tv" })
        {
            app.MapGet($"/3/{media}/{{id}}/watch/providers", context =>
                Run(context, sandbox, limiter, $"tmdb:{media}/watch/providers:id={context.Request.RouteValues["id"]}", (ctx, id, ct) =>
                    JsonBody.WriteAsync(ctx, json => WriteProviders(json, sandbox.Catalog.Seed, media, id, withId: true), ct)));
            app.MapGet($"/3/{media}/{{id}}", context =>
                Run(context, sandbox, limiter, $"tmdb:{media}:id={context.Request.RouteValues["id"]}", (ctx, id, ct) =>
                    JsonBody.WriteAsync(ctx, json => WriteDetails(json, sandbox.Catalog.Seed, media, id, ctx.Request.Query["append_to_response"].ToString()), ct)));
        }
    }

    private static Task Run(HttpContext context, SandboxServices sandbox, TmdbRateLimiter limiter, string key, Func<HttpContext, int, CancellationToken, Task> handler) =>
        sandbox.Gate.RunAsync(context, key, (ctx, ct) =>
        {
            if (!limiter.TryAcquire(out var retryAfter))
            {
                ctx.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                return Error(ctx, StatusCodes.Status429TooManyRequests, 25, "Your request count is over the allowed limit.", ct);
            }

            var bearer = ctx.Request.Headers.Authorization.ToString();
            var authorized = string.Equals(bearer, $"Bearer {sandbox.Options.TmdbToken}", StringComparison.Ordinal)
                || string.Equals(ctx.Request.Query["api_key"], sandbox.Options.TmdbToken, StringComparison.Ordinal);
            if (!authorized)
            {
                return Error(ctx, StatusCodes.Status401Unauthorized, 7, "Invalid API key: You must be granted a valid key.", ct);
            }

            if (!int.TryParse(ctx.Request.RouteValues["id"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || id < 1 || id > sandbox.Catalog.Options.TmdbTitles)
            {
                return Error(ctx, StatusCodes.Status404NotFound, 34, "The resource you requested could not be found.", ct);
            }

            return handler(ctx, id, ct);
        });

    private static Task Error(HttpContext context, int status, int code, string message, CancellationToken ct) =>
        JsonBody.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("success", false);
            json.WriteNumber("status_code", code);
            json.WriteString("status_message", message);
            json.WriteEndObject();
        }, ct, status);

    private static void WriteDetails(Utf8JsonWriter json, long seed, string media, int id, string append)
    {
        var h = StableHash.Of(seed, 501, id, media == "movie" ? 1 : 2);
        var title = TitleWords.Title(h, id);
        var date = DateTimeOffset.FromUnixTimeSeconds(SandboxCatalog.BaseUnixTime - (long)(h % (86_400UL * 365 * 30))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        json.WriteStartObject();
        json.WriteNumber("id", id);
        json.WriteBoolean("adult", false);
        json.WriteString(media == "movie" ? "title" : "name", title);
        json.WriteString(media == "movie" ? "original_title" : "original_name", title);
        json.WriteString(media == "movie" ? "release_date" : "first_air_date", date);
        json.WriteString("overview", $"About {title}.");
        json.WriteString("original_language", "en");
        json.WriteString("poster_path", $"/p{id}.jpg");
        json.WriteNumber("vote_average", Math.Round(StableHash.Unit(h) * 10, 1));
        json.WriteNumber("vote_count", (int)(h % 5000));
        if (media == "movie")
        {
            json.WriteString("imdb_id", string.Create(CultureInfo.InvariantCulture, $"tt{id + 1_000_000:0000000}"));
            json.WriteNumber("runtime", 80 + (int)(h % 60));
        }

        foreach (var part in append.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(20))
        {
            switch (part)
            {
                case "watch/providers":
                    // Appended results sit under a key equal to their path, literally "watch/providers" (§4.3).
                    json.WritePropertyName("watch/providers");
                    WriteProviders(json, seed, media, id, withId: false);
                    break;
                case "external_ids":
                    json.WriteStartObject("external_ids");
                    json.WriteString("imdb_id", string.Create(CultureInfo.InvariantCulture, $"tt{id + 1_000_000:0000000}"));
                    json.WriteNumber("tvdb_id", 70_000 + id);
                    json.WriteEndObject();
                    break;
            }
        }

        json.WriteEndObject();
    }

    /// <summary>Countries without data are absent, and so is every empty monetisation list (§4.2).</summary>
    private static void WriteProviders(Utf8JsonWriter json, long seed, string media, int id, bool withId)
    {
        json.WriteStartObject();
        if (withId)
        {
            json.WriteNumber("id", id);
        }

        json.WriteStartObject("results");
        for (var c = 0; c < Countries.Length; c++)
        {
            var h = StableHash.Of(seed, 502, id, media == "movie" ? 1 : 2, c);
            if (h % 10 >= 6)
            {
                continue;
            }

            json.WriteStartObject(Countries[c]);
            json.WriteString("link", $"https://www.themoviedb.org/{media}/{id}/watch?locale={Countries[c]}");
            for (var m = 0; m < Monetisations.Length; m++)
            {
                var mh = StableHash.Of(seed, 503, id, c, m);
                if (mh % 10 >= 4)
                {
                    continue;
                }

                json.WriteStartArray(Monetisations[m]);
                var count = 1 + (int)((mh >> 8) % 3);
                for (var p = 0; p < count; p++)
                {
                    var provider = Providers[(int)((mh >> (16 + (p * 4))) % (ulong)Providers.Length)];
                    json.WriteStartObject();
                    json.WriteString("logo_path", $"/logo{provider.Id}.jpg");
                    json.WriteNumber("provider_id", provider.Id);
                    json.WriteString("provider_name", provider.Name);
                    json.WriteNumber("display_priority", p);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
