using System.Buffers;
using System.Globalization;
using System.Text;
using MediaSync.Sandbox.Catalog;
using MediaSync.Sandbox.Control;
using MediaSync.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaSync.Sandbox.Endpoints.Xtream;

/// <summary>
/// Stream URLs (doc §1.7, §6): live MPEG-TS paced at the configured bitrate, HLS playlists and segments, and VOD
/// files with range support. Every open stream holds one of the account's connections; past
/// <see cref="SandboxAccount.MaxConnections"/> the next is refused like a panel would.
/// </summary>
internal static class XtreamStreamEndpoints
{
    private const double HlsSegmentSeconds = 2;
    private const string LoadBalancerToken = "lb_token";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void MapXtreamStreams(this IEndpointRouteBuilder app, SandboxServices sandbox)
    {
        app.MapGet("/live/{username}/{password}/{file}", context => ServeAsync(context, sandbox, "live"));
        app.MapGet("/movie/{username}/{password}/{file}", context => ServeAsync(context, sandbox, "movie"));
        app.MapGet("/series/{username}/{password}/{file}", context => ServeAsync(context, sandbox, "series"));
        app.MapGet("/hls/{username}/{password}/{id:long}/{segment}", context => ServeAsync(context, sandbox, "hls"));
        app.MapGet("/{username}/{password}/{file:long}", context => ServeAsync(context, sandbox, "live"));
    }

    private static Task ServeAsync(HttpContext context, SandboxServices sandbox, string kind)
    {
        var route = context.Request.RouteValues;
        var file = (kind == "hls" ? route["segment"] : route["file"])?.ToString() ?? string.Empty;
        var dot = file.LastIndexOf('.');
        var ext = dot >= 0 ? file[(dot + 1)..].ToLowerInvariant() : "ts";
        var idText = kind == "hls" ? route["id"]?.ToString() : (dot >= 0 ? file[..dot] : file);
        _ = long.TryParse(idText, NumberStyles.Integer, Invariant, out var id);
        var endpoint = kind switch
        {
            "hls" => "xtream:hls:segment",
            "live" when ext == "m3u8" => "xtream:hls:playlist",
            _ => $"xtream:stream:{kind}",
        };

        var key = $"{endpoint}:id={id}";
        return sandbox.Gate.RunAsync(context, key, async (ctx, ct) =>
        {
            var account = sandbox.FindAccount(route["username"]?.ToString(), route["password"]?.ToString());
            if (account is null)
            {
                await PlainAsync(ctx, StatusCodes.Status401Unauthorized, "Unauthorized", ct).ConfigureAwait(false);
                return;
            }

            if (!string.Equals(account.Status, "Active", StringComparison.OrdinalIgnoreCase))
            {
                // Expired accounts still authenticate on the API but their streams fail (§1.2).
                await PlainAsync(ctx, StatusCodes.Status403Forbidden, "Account is not active", ct).ConfigureAwait(false);
                return;
            }

            var vodExtension = Resolve(sandbox.Catalog, kind, id, ext);
            if (vodExtension is null)
            {
                await PlainAsync(ctx, StatusCodes.Status404NotFound, "Not Found", ct).ConfigureAwait(false);
                return;
            }

            if (sandbox.Control.RedirectStreams && !ctx.Request.Query.ContainsKey(LoadBalancerToken))
            {
                // The 302 costs no slot; the redirected request is the real viewer.
                var token = StableHash.Of(sandbox.Catalog.Seed, 701, id).ToString("x16", Invariant);
                ctx.Response.Redirect($"{ctx.Request.PathBase}{ctx.Request.Path}?{LoadBalancerToken}={token}");
                return;
            }

            var connections = sandbox.Counters.For(account.Username);
            var session = connections.TryOpenStream(account.MaxConnections, new ActiveStream(kind, id, sandbox.Time.GetUtcNow(), ctx.Request.Headers.UserAgent.ToString()));
            if (session is null)
            {
                Log.StreamRefused(sandbox.Logger, sandbox.AccountNumber(account), connections.Streams, account.MaxConnections);
                await PlainAsync(ctx, sandbox.Options.ConnectionLimitStatusCode, "Maximum number of connections reached", ct).ConfigureAwait(false);
                return;
            }

            try
            {
                if (sandbox.Control.TryTake(FaultKind.Stall, key) is not null)
                {
                    Log.FaultInjected(sandbox.Logger, "stall", key);
                    await Task.Delay(Timeout.InfiniteTimeSpan, sandbox.Time, ct).ConfigureAwait(false);
                }

                var serve = (kind, ext) switch
                {
                    ("live", "m3u8") => WriteHlsPlaylistAsync(ctx, sandbox, route["username"]!.ToString()!, route["password"]!.ToString()!, id, ct),
                    ("live", _) => WriteLiveAsync(ctx, sandbox, ct),
                    ("hls", _) => WriteSegmentAsync(ctx, sandbox, ct),
                    _ => WriteFileAsync(ctx, sandbox, vodExtension, ct),
                };
                await serve.ConfigureAwait(false);
            }
            finally
            {
                if (sandbox.Options.StreamSlotLinger > TimeSpan.Zero)
                {
                    _ = ReleaseLaterAsync(connections, session.Value, sandbox.Options.StreamSlotLinger, sandbox.Time);
                }
                else
                {
                    connections.CloseStream(session.Value);
                }
            }
        });
    }

    private static async Task ReleaseLaterAsync(AccountConnections connections, long session, TimeSpan linger, TimeProvider time)
    {
        try
        {
            await Task.Delay(linger, time).ConfigureAwait(false);
        }
        finally
        {
            connections.CloseStream(session);
        }
    }

    /// <summary>The container extension to serve, or null when the item does not exist.</summary>
    private static string? Resolve(SandboxCatalog catalog, string kind, long id, string ext) => kind switch
    {
        "live" or "hls" => catalog.FindLiveChannel((int)Math.Min(id, int.MaxValue)) is null ? null : "ts",
        "movie" => catalog.FindMovie((int)Math.Min(id, int.MaxValue)) is { } movie ? movie.ContainerExtension : null,
        _ => catalog.FindEpisode(id) is { } episode ? episode.ContainerExtension : null,
    } is { } found && (kind is "live" or "hls" || ext == found) ? found : null;

    private static Task PlainAsync(HttpContext context, int status, string text, CancellationToken ct)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, ct);
    }

    private static async Task WriteLiveAsync(HttpContext context, SandboxServices sandbox, CancellationToken ct)
    {
        context.Response.ContentType = "video/mp2t";
        var time = sandbox.Time;
        var bytesPerSecond = sandbox.Options.StreamBitsPerSecond / 8.0;

        // Ten writes a second, whole packets only; pacing follows the wall clock so a slow reader does not speed up later.
        var packetsPerTick = Math.Max(1, (int)(bytesPerSecond / 10 / TransportStreamBytes.PacketSize));
        var buffer = ArrayPool<byte>.Shared.Rent(packetsPerTick * TransportStreamBytes.PacketSize);
        try
        {
            var started = time.GetTimestamp();
            long packet = 0;
            long sent = 0;
            await context.Response.StartAsync(ct).ConfigureAwait(false);
            while (!ct.IsCancellationRequested)
            {
                var chunk = buffer.AsMemory(0, packetsPerTick * TransportStreamBytes.PacketSize);
                TransportStreamBytes.Fill(chunk.Span, ref packet);
                await context.Response.Body.WriteAsync(chunk, ct).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                sent += chunk.Length;
                var due = TimeSpan.FromSeconds(sent / bytesPerSecond);
                var elapsed = time.GetElapsedTime(started);
                if (due > elapsed)
                {
                    await Task.Delay(due - elapsed, time, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Task WriteHlsPlaylistAsync(HttpContext context, SandboxServices sandbox, string username, string password, long id, CancellationToken ct)
    {
        // A live media playlist: the sequence advances with the clock and there is no ENDLIST (§6.5).
        var sequence = (long)(sandbox.Time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0 / HlsSegmentSeconds);
        var text = new StringBuilder();
        text.Append("#EXTM3U\n#EXT-X-VERSION:3\n");
        text.Append(Invariant, $"#EXT-X-TARGETDURATION:{HlsSegmentSeconds:0}\n#EXT-X-MEDIA-SEQUENCE:{sequence}\n");
        for (var i = 0; i < 3; i++)
        {
            text.Append(Invariant, $"#EXTINF:{HlsSegmentSeconds:0.000},\n/hls/{Uri.EscapeDataString(username)}/{Uri.EscapeDataString(password)}/{id}/{sequence + i}.ts\n");
        }

        context.Response.ContentType = "application/vnd.apple.mpegurl";
        return context.Response.WriteAsync(text.ToString(), ct);
    }

    private static async Task WriteSegmentAsync(HttpContext context, SandboxServices sandbox, CancellationToken ct)
    {
        var packets = (int)Math.Max(1, sandbox.Options.StreamBitsPerSecond / 8 * HlsSegmentSeconds / TransportStreamBytes.PacketSize);
        var bytes = new byte[packets * TransportStreamBytes.PacketSize];
        long packet = 0;
        TransportStreamBytes.Fill(bytes, ref packet);
        context.Response.ContentType = "video/mp2t";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, ct).ConfigureAwait(false);
    }

    private static async Task WriteFileAsync(HttpContext context, SandboxServices sandbox, string extension, CancellationToken ct)
    {
        long size = sandbox.Options.VodFileBytes;
        long from = 0;
        var to = size - 1;
        var range = context.Request.Headers.Range.ToString();
        if (range.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            var parts = range[6..].Split('-', 2);
            if (!long.TryParse(parts[0], NumberStyles.Integer, Invariant, out from) || from >= size)
            {
                context.Response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                context.Response.Headers.ContentRange = $"bytes */{size}";
                return;
            }

            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.Integer, Invariant, out var end))
            {
                to = Math.Min(end, size - 1);
            }

            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.Headers.ContentRange = string.Create(Invariant, $"bytes {from}-{to}/{size}");
        }

        context.Response.ContentType = extension switch
        {
            "mkv" => "video/x-matroska",
            "mp4" => "video/mp4",
            "avi" => "video/x-msvideo",
            _ => "video/mp2t",
        };
        context.Response.Headers.AcceptRanges = "bytes";
        context.Response.ContentLength = to - from + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            for (var position = from; position <= to;)
            {
                var count = (int)Math.Min(buffer.Length, to - position + 1);
                TransportStreamBytes.FillFile(buffer.AsSpan(0, count), position, extension);
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, count), ct).ConfigureAwait(false);
                position += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
