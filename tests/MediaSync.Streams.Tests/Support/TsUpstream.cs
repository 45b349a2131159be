using MediaSync.TestSupport;
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Streams.Tests.Support;

/// <summary>
/// A provider's live stream on loopback: <c>GET /live/{user}/{pass}/{id}.ts</c> sends <see cref="TsPattern"/>
/// from position 0 at a paced rate until the client leaves or <see cref="KillAll"/> cuts every connection.
/// </summary>
internal sealed class TsUpstream : IAsyncDisposable
{
    private readonly ConcurrentDictionary<HttpContext, byte> active = new();
    private int connectionsOpened;

    private TsUpstream(LoopbackServer server, int bytesPerSecond)
    {
        Server = server;
        BytesPerSecond = bytesPerSecond;
    }

    public LoopbackServer Server { get; }

    public int BytesPerSecond { get; }

    public int ConnectionsOpened => Volatile.Read(ref connectionsOpened);

    public int ActiveConnections => active.Count;

    public static async Task<TsUpstream> StartAsync(int bytesPerSecond)
    {
        TsUpstream? upstream = null;
        var server = await LoopbackServer.StartAsync(app => app.MapGet("/live/{user}/{pass}/{id}", (HttpContext context) => upstream!.ServeAsync(context)));
        upstream = new TsUpstream(server, bytesPerSecond);
        return upstream;
    }

    public Uri StreamUrl(string id) => Server.Url($"live/alice/s3cret/{id}.ts");

    /// <summary>Aborts every open stream connection, as a provider dying mid-stream.</summary>
    public void KillAll()
    {
        foreach (var context in active.Keys)
        {
            context.Abort();
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task ServeAsync(HttpContext context)
    {
        Interlocked.Increment(ref connectionsOpened);
        active[context] = 0;
        try
        {
            context.Response.ContentType = "video/mp2t";
            var buffer = new byte[8 * 1024];
            long position = 0;
            var clock = Stopwatch.StartNew();
            while (!context.RequestAborted.IsCancellationRequested)
            {
                TsPattern.Fill(buffer, position);
                await context.Response.Body.WriteAsync(buffer, context.RequestAborted);
                position += buffer.Length;
                if (BytesPerSecond > 0)
                {
                    var due = TimeSpan.FromSeconds((double)position / BytesPerSecond);
                    if (due > clock.Elapsed)
                    {
                        await Task.Delay(due - clock.Elapsed, TimeProvider.System, context.RequestAborted);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The relay closed the upstream, or KillAll aborted it.
        }
        finally
        {
            active.TryRemove(context, out _);
        }
    }
}
