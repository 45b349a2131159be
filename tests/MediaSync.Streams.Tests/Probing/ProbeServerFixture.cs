using MediaSync.TestSupport;
using System.Collections.Concurrent;
using System.Text;
using MediaSync.Streams.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Streams.Tests.Probing;

/// <summary>A loopback provider with one route per way a stream can be healthy or broken.</summary>
public sealed class ProbeServerFixture : IAsyncLifetime
{
    private LoopbackServer? server;

    public ConcurrentQueue<string> Requests { get; } = new();

    internal LoopbackServer Server => server ?? throw new InvalidOperationException("not started");

    public Uri Url(string relative) => Server.Url(relative);

    public async Task InitializeAsync()
    {
        server = await LoopbackServer.StartAsync(Map);

        // The first request pays for JIT and connection setup; probes with short timeouts should not.
        using var warmup = new HttpClient();
        using var response = await warmup.GetAsync(Url("missing.ts"));
        Requests.Clear();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            await next(context);
        });

        app.MapGet("/ok.ts", async context =>
        {
            context.Response.ContentType = "video/mp2t";

            // A live read may start mid-packet: 50 bytes of a cut packet come first.
            await context.Response.Body.WriteAsync(TsPattern.Bytes(138, 50), context.RequestAborted);
            await WriteTsAsync(context, bytesPerSecond: 1_000_000, total: long.MaxValue);
        });
        app.MapGet("/missing.ts", () => Results.NotFound());
        app.MapGet("/live/{user}/{pass}/{id}", () => Results.NotFound());
        app.MapGet("/hang.ts", async context => await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, context.RequestAborted));
        app.MapGet("/silent.ts", async context =>
        {
            context.Response.ContentType = "video/mp2t";
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, context.RequestAborted);
        });
        app.MapGet("/page", () => Results.Content("<!DOCTYPE html><html><body>Account expired</body></html>", "text/html"));
        app.MapGet("/garbage.ts", () => Results.Bytes(RandomBytes(64 * 1024), "video/mp2t"));

        app.MapGet("/hls/master.m3u8", () => Playlist("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\nlow/media.m3u8\n"));
        app.MapGet("/hls/low/media.m3u8", () => Playlist(MediaPlaylist("seg1.ts", "seg2.ts")));
        app.MapGet("/hls/low/seg1.ts", () => Results.StatusCode(500));
        app.MapGet("/hls/low/seg2.ts", () => Results.Bytes(TsPattern.Bytes(0, 188 * 1000), "video/mp2t"));
        app.MapGet("/hls-broken/media.m3u8", () => Playlist(MediaPlaylist("gone.ts")));
        app.MapGet("/hls-garbage/media.m3u8", () => Playlist(MediaPlaylist("noise.ts")));
        app.MapGet("/hls-garbage/noise.ts", () => Results.Bytes(RandomBytes(32 * 1024), "video/mp2t"));
        app.MapGet("/hls-empty/master.m3u8", () => Playlist("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nmissing.m3u8\n"));

        app.MapGet("/loop", () => Results.Redirect("/loop"));
        app.MapGet("/chain/{n:int}", (int n) => Results.Redirect($"/chain/{n + 1}"));
        app.MapGet("/to-ftp", () => Results.Redirect("ftp://files.example/stream.ts"));
        app.MapGet("/moved", () => Results.Redirect("/ok.ts?token=lb-t0ken"));
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private static IResult Playlist(string text) => Results.Text(text, "application/vnd.apple.mpegurl", Encoding.UTF8);

    private static string MediaPlaylist(params string[] segments) =>
        "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:100\n"
        + string.Concat(segments.Select(s => $"#EXTINF:2.000,\n{s}\n"));

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private static async Task WriteTsAsync(HttpContext context, int bytesPerSecond, long total)
    {
        var buffer = new byte[188 * 40];
        long position = 0;
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            while (position < total)
            {
                TsPattern.Fill(buffer, position);
                await context.Response.Body.WriteAsync(buffer, context.RequestAborted);
                position += buffer.Length;
                var due = TimeSpan.FromSeconds((double)position / bytesPerSecond) - TimeProvider.System.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, TimeProvider.System, context.RequestAborted);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The probe is done and closed the connection.
        }
    }
}
