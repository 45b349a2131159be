using System.Globalization;
using System.Text.Json;
using MediaSync.Sandbox.Catalog;
using MediaSync.Sandbox.Endpoints.Xtream;
using MediaSync.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaSync.Sandbox.Endpoints.Dispatcharr;

/// <summary>
/// Dispatcharr's REST API (doc §5): token login (throttled), M3U accounts with one default profile each (profile id =
/// account number, <c>max_streams</c> = the account's limit), streams (the first account's live channels, DRF-paged),
/// channels, and <c>/proxy/ts/status</c> listing the sandbox's open live streams with their <c>m3u_profile_id</c>.
/// </summary>
internal static class DispatcharrEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 10_000;

    public static void MapDispatcharr(this IEndpointRouteBuilder app, SandboxServices sandbox)
    {
        var tokens = new DispatcharrTokens(sandbox.Time, sandbox.Catalog.Seed, sandbox.Options.DispatcharrLoginsPerMinute);
        app.MapPost("/api/accounts/token/", context => sandbox.Gate.RunAsync(context, "dispatcharr:token", (ctx, ct) => LoginAsync(ctx, sandbox, tokens, ct)));
        app.MapPost("/api/accounts/token/refresh/", context => sandbox.Gate.RunAsync(context, "dispatcharr:token_refresh", (ctx, ct) => RefreshAsync(ctx, tokens, ct)));
        app.MapGet("/api/m3u/accounts/", context => Run(context, sandbox, tokens, "dispatcharr:m3u_accounts", (ctx, ct) =>
            JsonBody.WriteAsync(ctx, json => WriteAccounts(json, sandbox, ctx), ct)));
        app.MapGet("/api/m3u/accounts/{id:int}/profiles/", context => Run(context, sandbox, tokens, "dispatcharr:profiles", (ctx, ct) => ProfilesAsync(ctx, sandbox, ct)));
        app.MapGet("/api/channels/streams/", context => Run(context, sandbox, tokens, "dispatcharr:streams", (ctx, ct) => StreamsAsync(ctx, sandbox, ct)));
        app.MapGet("/api/channels/channels/", context => Run(context, sandbox, tokens, "dispatcharr:channels", (ctx, ct) => ChannelsAsync(ctx, sandbox, ct)));
        app.MapGet("/api/channels/channels/{id:int}/streams/", context => Run(context, sandbox, tokens, "dispatcharr:channel_streams", (ctx, ct) => ChannelStreamsAsync(ctx, sandbox, ct)));
        app.MapGet("/proxy/ts/status", context => Run(context, sandbox, tokens, "dispatcharr:proxy_status", (ctx, ct) =>
            JsonBody.WriteAsync(ctx, json => WriteProxyStatus(json, sandbox, ctx), ct)));
    }

    private static Task Run(HttpContext context, SandboxServices sandbox, DispatcharrTokens tokens, string key, Func<HttpContext, CancellationToken, Task> handler) =>
        sandbox.Gate.RunAsync(context, key, (ctx, ct) =>
        {
            var authorization = ctx.Request.Headers.Authorization.ToString();
            var apiKey = sandbox.Options.DispatcharrApiKey;
            if (string.Equals(ctx.Request.Headers["X-API-Key"], apiKey, StringComparison.Ordinal)
                || string.Equals(authorization, $"ApiKey {apiKey}", StringComparison.Ordinal))
            {
                return handler(ctx, ct);
            }

            if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return tokens.IsValidAccess(authorization["Bearer ".Length..])
                    ? handler(ctx, ct)
                    : Detail(ctx, StatusCodes.Status401Unauthorized, "Given token not valid for any token type", ct, code: "token_not_valid");
            }

            return Detail(ctx, StatusCodes.Status401Unauthorized, "Authentication credentials were not provided.", ct);
        });

    private static async Task LoginAsync(HttpContext context, SandboxServices sandbox, DispatcharrTokens tokens, CancellationToken ct)
    {
        if (!tokens.TryLogin(out var retryAfter))
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await Detail(context, StatusCodes.Status429TooManyRequests, $"Request was throttled. Expected available in {retryAfter} seconds.", ct).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context, ct).ConfigureAwait(false);
        var username = body is { } b && b.TryGetProperty("username", out var u) ? u.GetString() : null;
        var password = body is { } c && c.TryGetProperty("password", out var p) ? p.GetString() : null;
        if (!string.Equals(username, sandbox.Options.DispatcharrUsername, StringComparison.Ordinal)
            || !string.Equals(password, sandbox.Options.DispatcharrPassword, StringComparison.Ordinal))
        {
            await Detail(context, StatusCodes.Status401Unauthorized, "No active account found with the given credentials", ct).ConfigureAwait(false);
            return;
        }

        var access = tokens.IssueAccess();
        var refresh = tokens.IssueRefresh();
        await JsonBody.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("access", access);
            json.WriteString("refresh", refresh);
            json.WriteEndObject();
        }, ct).ConfigureAwait(false);
    }

    private static async Task RefreshAsync(HttpContext context, DispatcharrTokens tokens, CancellationToken ct)
    {
        var body = await ReadBodyAsync(context, ct).ConfigureAwait(false);
        var refresh = body is { } b && b.TryGetProperty("refresh", out var r) ? r.GetString() : null;
        if (refresh is null || !tokens.IsValidRefresh(refresh))
        {
            await Detail(context, StatusCodes.Status401Unauthorized, "Token is invalid or expired", ct, code: "token_not_valid").ConfigureAwait(false);
            return;
        }

        var access = tokens.IssueAccess();
        await JsonBody.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("access", access);
            json.WriteEndObject();
        }, ct).ConfigureAwait(false);
    }

    private static async Task<JsonElement?> ReadBodyAsync(HttpContext context, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: ct).ConfigureAwait(false);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteAccounts(Utf8JsonWriter json, SandboxServices sandbox, HttpContext context)
    {
        json.WriteStartArray();
        foreach (var account in sandbox.Options.Catalog.Accounts)
        {
            WriteAccount(json, sandbox, context, account);
        }

        json.WriteEndArray();
    }

    private static void WriteAccount(Utf8JsonWriter json, SandboxServices sandbox, HttpContext context, SandboxAccount account)
    {
        var number = sandbox.AccountNumber(account);
        var created = DateTimeOffset.FromUnixTimeSeconds(SandboxCatalog.BaseUnixTime).ToString("O", CultureInfo.InvariantCulture);
        json.WriteStartObject();
        json.WriteNumber("id", number);
        json.WriteString("name", $"Sandbox {number}");
        json.WriteString("server_url", XtreamApiEndpoints.BaseUrl(context));
        json.WriteNull("file_path");
        json.WriteNull("server_group");
        json.WriteNumber("max_streams", account.MaxConnections);
        json.WriteBoolean("is_active", true);
        json.WriteString("account_type", "XC");
        json.WriteString("username", account.Username);
        json.WriteString("status", "success");
        json.WriteString("last_message", string.Empty);
        json.WriteNumber("priority", 0);
        json.WriteNumber("refresh_interval", 24);
        json.WriteNumber("stale_stream_days", 7);
        json.WriteString("created_at", created);
        json.WriteString("updated_at", created);
        json.WriteNull("user_agent");
        json.WriteStartObject("custom_properties");
        json.WriteEndObject();
        json.WriteStartArray("profiles");
        WriteProfile(json, sandbox, account, number);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteProfile(Utf8JsonWriter json, SandboxServices sandbox, SandboxAccount account, int number)
    {
        json.WriteStartObject();
        json.WriteNumber("id", number);
        json.WriteString("name", $"Sandbox {number} Default");
        json.WriteNumber("max_streams", account.MaxConnections);
        json.WriteBoolean("is_active", true);
        json.WriteBoolean("is_default", true);
        json.WriteNumber("current_viewers", sandbox.Counters.CurrentStreams(account.Username));
        json.WriteString("search_pattern", "^(.*)$");
        json.WriteString("replace_pattern", "$1");
        json.WriteStartObject("custom_properties");
        json.WriteEndObject();
        json.WriteNull("exp_date");
        json.WriteStartObject("account");
        json.WriteNumber("id", number);
        json.WriteString("name", $"Sandbox {number}");
        json.WriteString("account_type", "XC");
        json.WriteBoolean("is_xtream_codes", true);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static Task ProfilesAsync(HttpContext context, SandboxServices sandbox, CancellationToken ct)
    {
        var id = int.Parse(context.Request.RouteValues["id"]!.ToString()!, CultureInfo.InvariantCulture);
        var accounts = sandbox.Options.Catalog.Accounts;
        if (id < 1 || id > accounts.Count)
        {
            return Detail(context, StatusCodes.Status404NotFound, "No M3UAccount matches the given query.", ct);
        }

        return JsonBody.WriteAsync(context, json =>
        {
            json.WriteStartArray();
            WriteProfile(json, sandbox, accounts[id - 1], id);
            json.WriteEndArray();
        }, ct);
    }

    private static Task StreamsAsync(HttpContext context, SandboxServices sandbox, CancellationToken ct)
    {
        var query = context.Request.Query;
        var catalog = sandbox.Catalog;
        IEnumerable<SandboxLiveChannel> streams = catalog.LiveChannels;
        var accountFilter = query["m3u_account"].ToString();
        if (accountFilter.Length > 0 && !accountFilter.Split(',').Contains("1", StringComparer.Ordinal))
        {
            streams = [];
        }

        if (query["ids"].ToString() is { Length: > 0 } ids)
        {
            var wanted = ids.Split(',').Select(i => int.TryParse(i, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1).ToHashSet();
            return JsonBody.WriteAsync(context, json =>
            {
                json.WriteStartArray();
                foreach (var stream in streams.Where(s => wanted.Contains(s.StreamId)))
                {
                    WriteStream(json, sandbox, context, stream);
                }

                json.WriteEndArray();
            }, ct);
        }

        if (!TryPage(query, out var page, out var size))
        {
            return Detail(context, StatusCodes.Status404NotFound, "Invalid page.", ct);
        }

        return WritePageAsync(context, ct, streams, page, size, (json, stream) => WriteStream(json, sandbox, context, stream));
    }

    private static Task ChannelsAsync(HttpContext context, SandboxServices sandbox, CancellationToken ct)
    {
        var query = context.Request.Query;
        var channels = sandbox.Catalog.LiveChannels;
        if (!query.ContainsKey("page") && !query.ContainsKey("page_size"))
        {
            return JsonBody.WriteAsync(context, async (json, token) =>
            {
                json.WriteStartArray();
                foreach (var channel in channels)
                {
                    WriteChannel(json, sandbox, channel);
                    await JsonBody.FlushIfFullAsync(json, token).ConfigureAwait(false);
                }

                json.WriteEndArray();
            }, ct);
        }

        return TryPage(query, out var page, out var size)
            ? WritePageAsync(context, ct, channels, page, size, (json, channel) => WriteChannel(json, sandbox, channel))
            : Detail(context, StatusCodes.Status404NotFound, "Invalid page.", ct);
    }

    /// <summary>A channel's streams in failover order; every sandbox channel has exactly its own live stream.</summary>
    private static Task ChannelStreamsAsync(HttpContext context, SandboxServices sandbox, CancellationToken ct)
    {
        var id = int.Parse(context.Request.RouteValues["id"]!.ToString()!, CultureInfo.InvariantCulture);
        if (sandbox.Catalog.FindLiveChannel(id) is not { } live)
        {
            return Detail(context, StatusCodes.Status404NotFound, "No Channel matches the given query.", ct);
        }

        return JsonBody.WriteAsync(context, json =>
        {
            json.WriteStartArray();
            WriteStream(json, sandbox, context, live);
            json.WriteEndArray();
        }, ct);
    }

    private static bool TryPage(IQueryCollection query, out int page, out int size)
    {
        page = 1;
        size = DefaultPageSize;
        if (query.TryGetValue("page", out var p) && (!int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return false;
        }

        if (query.TryGetValue("page_size", out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            size = Math.Min(parsed, MaxPageSize);
        }

        return true;
    }

    /// <summary>A DRF page: <c>{count, next, previous, results}</c>; a page past the end is a 404 "Invalid page.".</summary>
    private static Task WritePageAsync<T>(HttpContext context, CancellationToken ct, IEnumerable<T> items, int page, int size, Action<Utf8JsonWriter, T> write)
    {
        var count = items.Count();
        var pages = Math.Max(1, (count + size - 1) / size);
        if (page > pages)
        {
            return Detail(context, StatusCodes.Status404NotFound, "Invalid page.", ct);
        }

        var self = $"{XtreamApiEndpoints.BaseUrl(context)}{context.Request.Path}";
        return JsonBody.WriteAsync(context, async (json, token) =>
        {
            json.WriteStartObject();
            json.WriteNumber("count", count);
            if (page < pages)
            {
                json.WriteString("next", string.Create(CultureInfo.InvariantCulture, $"{self}?page={page + 1}&page_size={size}"));
            }
            else
            {
                json.WriteNull("next");
            }

            if (page > 1)
            {
                json.WriteString("previous", string.Create(CultureInfo.InvariantCulture, $"{self}?page={page - 1}&page_size={size}"));
            }
            else
            {
                json.WriteNull("previous");
            }

            json.WriteStartArray("results");
            foreach (var item in items.Skip((page - 1) * size).Take(size))
            {
                write(json, item);
                await JsonBody.FlushIfFullAsync(json, token).ConfigureAwait(false);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }, ct);
    }

    private static void WriteStream(Utf8JsonWriter json, SandboxServices sandbox, HttpContext context, SandboxLiveChannel live)
    {
        var account = sandbox.Account0;
        var updated = DateTimeOffset.FromUnixTimeSeconds(live.Added).ToString("O", CultureInfo.InvariantCulture);
        json.WriteStartObject();
        json.WriteNumber("id", live.StreamId);
        json.WriteString("name", live.Name);
        json.WriteString("url", $"{XtreamApiEndpoints.BaseUrl(context)}/live/{Uri.EscapeDataString(account.Username)}/{Uri.EscapeDataString(account.Password)}/{live.StreamId}.ts");
        json.WriteNumber("m3u_account", 1);
        json.WriteString("logo_url", string.Empty);
        json.WriteString("tvg_id", live.EpgChannelId);
        json.WriteNumber("channel_group", live.CategoryId);
        json.WriteNumber("current_viewers", 0);
        json.WriteString("updated_at", updated);
        json.WriteString("last_seen", updated);
        json.WriteBoolean("is_stale", false);
        json.WriteBoolean("is_adult", false);
        json.WriteBoolean("is_custom", false);
        json.WriteNull("stream_profile_id");
        json.WriteString("stream_hash", string.Create(CultureInfo.InvariantCulture, $"{StableHash.Of(sandbox.Catalog.Seed, 602, live.StreamId, live.Name.Length):x16}"));
        json.WriteStartObject("stream_stats");
        json.WriteString("resolution", "1920x1080");
        json.WriteString("video_codec", "h264");
        json.WriteNumber("bitrate_kbps", sandbox.Options.StreamBitsPerSecond / 1000);
        json.WriteEndObject();
        json.WriteNull("stream_stats_updated_at");
        json.WriteString("stream_id", live.StreamId.ToString(CultureInfo.InvariantCulture));
        json.WriteNull("stream_chno");
        json.WriteBoolean("is_catchup", live.TvArchive);
        json.WriteNumber("catchup_days", live.TvArchive ? 7 : 0);
        json.WriteEndObject();
    }

    private static void WriteChannel(Utf8JsonWriter json, SandboxServices sandbox, SandboxLiveChannel live)
    {
        json.WriteStartObject();
        json.WriteNumber("id", live.StreamId);
        json.WriteString("uuid", ChannelUuid(sandbox.Catalog.Seed, live.StreamId));
        json.WriteNumber("channel_number", live.StreamId);
        json.WriteString("name", live.Name);
        json.WriteNumber("channel_group_id", live.CategoryId);
        json.WriteString("tvg_id", live.EpgChannelId);
        json.WriteNull("epg_data_id");
        json.WriteStartArray("streams");
        json.WriteNumberValue(live.StreamId);
        json.WriteEndArray();
        json.WriteNull("stream_profile_id");
        json.WriteNull("logo_id");
        json.WriteNumber("user_level", 0);
        json.WriteBoolean("is_adult", false);
        json.WriteEndObject();
    }

    private static void WriteProxyStatus(Utf8JsonWriter json, SandboxServices sandbox, HttpContext context)
    {
        json.WriteStartObject();
        json.WriteStartArray("channels");
        var count = 0;
        var now = sandbox.Time.GetUtcNow();
        foreach (var account in sandbox.Options.Catalog.Accounts)
        {
            var profile = sandbox.AccountNumber(account);
            foreach (var stream in sandbox.Counters.For(account.Username).SnapshotStreams().Where(s => s.Kind == "live"))
            {
                var live = sandbox.Catalog.FindLiveChannel((int)stream.StreamId);
                json.WriteStartObject();
                json.WriteString("channel_id", ChannelUuid(sandbox.Catalog.Seed, stream.StreamId));
                json.WriteString("state", "active");
                json.WriteString("url", $"{XtreamApiEndpoints.BaseUrl(context)}/live/***/***/{stream.StreamId}.ts");
                json.WriteString("stream_profile", "ts-proxy");
                json.WriteString("owner", "sandbox-worker");
                json.WriteNumber("client_count", 1);
                json.WriteStartArray("clients");
                json.WriteStartObject();
                json.WriteString("client_id", string.Create(CultureInfo.InvariantCulture, $"client-{profile}-{stream.StreamId}-{count}"));
                json.WriteString("user_agent", stream.UserAgent);
                json.WriteString("output_format", "ts");
                json.WriteNumber("connected_at", stream.StartedAt.ToUnixTimeSeconds());
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteNumber("uptime", (now - stream.StartedAt).TotalSeconds);
                json.WriteNumber("started_at", stream.StartedAt.ToUnixTimeSeconds());
                json.WriteNumber("m3u_profile_id", profile);
                json.WriteNumber("stream_id", stream.StreamId);
                json.WriteString("stream_name", live?.Name ?? string.Empty);
                json.WriteString("channel_name", live?.Name ?? string.Empty);
                json.WriteNumber("avg_bitrate_kbps", sandbox.Options.StreamBitsPerSecond / 1000);
                json.WriteEndObject();
                count++;
            }
        }

        json.WriteEndArray();
        json.WriteNumber("count", count);
        json.WriteEndObject();
    }

    private static string ChannelUuid(long seed, long streamId)
    {
        var h = StableHash.Of(seed, 603, streamId);
        return new Guid((int)(h >> 32), (short)(h >> 16), (short)h, 0x8a, 0x5b, 0x00, 0x00, (byte)(streamId >> 24), (byte)(streamId >> 16), (byte)(streamId >> 8), (byte)streamId).ToString();
    }

    private static Task Detail(HttpContext context, int status, string detail, CancellationToken ct, string? code = null) =>
        JsonBody.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("detail", detail);
            if (code is not null)
            {
                json.WriteString("code", code);
            }

            json.WriteEndObject();
        }, ct, status);
}
