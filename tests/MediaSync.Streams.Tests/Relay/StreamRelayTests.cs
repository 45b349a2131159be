using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MediaSync.Streams.Tests.Support;
using MediaSync.TestSupport;

namespace MediaSync.Streams.Tests.Relay;

public sealed class StreamRelayTests
{
    private const int ChunkSize = 32 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Join_TwentyViewers_ReceiveByteIdenticalStreamsFromOneUpstream()
    {
        await using var host = await RelayHost.StartAsync(upstreamBytesPerSecond: 1_000_000);
        const int windowBytes = 256 * 1024;

        var viewers = (await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.ConnectAsync()))).ToList();
        try
        {
            // Everyone reads 512 KB; viewers joined at different moments, so each holds a different window.
            var received = await Task.WhenAll(viewers.Select(v => v.ReadAsync(2 * windowBytes, Patience)));

            long[] starts = received.Select(LocateInUpstream).ToArray();
            long commonStart = starts.Max();
            long commonEnd = starts.Min() + received[0].Length;
            Assert.True(commonEnd - commonStart >= windowBytes / 2, $"the viewers share only {commonEnd - commonStart} bytes");

            string expected = Convert.ToHexString(SHA256.HashData(TsPattern.Bytes(commonStart, (int)(commonEnd - commonStart))));
            for (int i = 0; i < received.Length; i++)
            {
                var window = received[i].AsSpan((int)(commonStart - starts[i]), (int)(commonEnd - commonStart));
                Assert.Equal(expected, Convert.ToHexString(SHA256.HashData(window)));
            }

            Assert.Equal(1, host.Upstream.ConnectionsOpened);
            Assert.Single(host.Gate.Acquired);
            var stats = host.Relay.GetStats("42");
            Assert.NotNull(stats);
            Assert.Equal(20, stats.Viewers);
            Assert.Equal(0, stats.ChunksDropped);
        }
        finally
        {
            viewers.ForEach(v => v.Dispose());
        }
    }

    [Fact]
    public async Task Publish_StalledViewer_DoesNotSlowOthersAndIsDisconnected()
    {
        // A queue of 200 chunks of 32 KB holds about 3.2 s at 2 MB/s: a fast viewer that a busy 2-core machine holds up
        // for a second (the default 50 chunks are 0.8 s; a CI run once saw a fast viewer drop 2 chunks) loses nothing,
        // while the stalled viewer's queue still fills and then loses chunks for the 4 s lag timeout before it is cut.
        const long windowBytes = 4_000_000;
        await using var host = await RelayHost.StartAsync(upstreamBytesPerSecond: 2_000_000, options =>
        {
            options.ViewerQueueCapacity = 200;
            options.LagTimeout = TimeSpan.FromSeconds(4);
        });
        using var reading = new CancellationTokenSource();
        var fast = new List<(RelayHost.Viewer Viewer, CountingReader Reader)>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                // Fast viewers read from the moment they join to the end of the test: a pause in their reading (on
                // a busy machine, a pause of the queue's 0.8 s) would make them lose chunks through no fault of the relay.
                var viewer = await host.ConnectAsync();
                fast.Add((viewer, CountingReader.Start(viewer.Body, reading.Token)));
            }

            // A raw socket with a tiny receive buffer that never reads: the relay's writes to it block at once.
            using var stalled = await ConnectStalledViewerAsync(host.LiveUrl("42"));
            await Eventually.TrueAsync(() => host.Relay.GetStats("42")?.Viewers == 4, Patience, "the stalled viewer has joined");

            long upstreamBefore = host.Relay.GetStats("42")!.BytesIn;
            long[] readBefore = [.. fast.Select(f => f.Reader.Bytes)];
            await Eventually.TrueAsync(() => host.Relay.GetStats("42")!.BytesIn - upstreamBefore >= windowBytes, Patience, "the upstream delivered 4 MB with the stalled viewer connected");
            long upstreamBytes = host.Relay.GetStats("42")!.BytesIn - upstreamBefore;
            long[] read = [.. fast.Select((f, i) => f.Reader.Bytes - readBefore[i])];
            Assert.Equal(4, host.Relay.GetStats("42")!.Viewers);

            foreach (long bytes in read)
            {
                // Each fast viewer keeps up with the upstream while the stalled one is connected.
                Assert.True(bytes >= upstreamBytes * 0.85, $"a fast viewer got {bytes} bytes while the upstream delivered {upstreamBytes}");
            }

            await Eventually.TrueAsync(() => host.Relay.GetStats("42") is { ViewersDisconnectedForLag: 1, Viewers: 3 }, Patience, "the stalled viewer is disconnected for lag");
            var stats = host.Relay.GetStats("42")!;
            Assert.True(stats.ChunksDropped > 0, "the stalled viewer lost chunks before it was disconnected");
            Assert.All(stats.ViewerDetails, v => Assert.Equal(0, v.ChunksDropped));
        }
        finally
        {
            await reading.CancelAsync();
            await Task.WhenAll(fast.Select(f => f.Reader.Completion));
            fast.ForEach(f => f.Viewer.Dispose());
        }
    }

    [Fact]
    public async Task Publish_OnlyViewerStalls_IsDisconnectedAndTheSlotReleased()
    {
        await using var host = await RelayHost.StartAsync(upstreamBytesPerSecond: 4_000_000, options => options.LagTimeout = TimeSpan.FromMilliseconds(500));

        // With every queue full the publisher waits for room, but only briefly: the lag check must still run.
        using var stalled = await ConnectStalledViewerAsync(host.LiveUrl("42"));

        await Eventually.TrueAsync(() => host.Gate.Released.Count == 1, Patience, "the stalled only viewer is disconnected and the slot released after the grace period");
        Assert.Single(host.Gate.Acquired);
    }

    [Fact]
    public async Task CopyTo_ViewerDisconnectsMidStream_OthersContinue()
    {
        await using var host = await RelayHost.StartAsync(upstreamBytesPerSecond: 4_000_000);
        using var staying = await host.ConnectAsync();
        var leaving = await host.ConnectAsync();
        await leaving.ReadAsync(100_000, Patience);
        await staying.ReadAsync(100_000, Patience);

        leaving.Dispose();
        await Eventually.TrueAsync(() => host.Relay.GetStats("42")?.Viewers == 1, Patience, "the leaving viewer is removed");

        var more = await staying.ReadAsync(512 * 1024, Patience);
        Assert.Equal(512 * 1024, more.Length);
        Assert.Equal(1, host.Upstream.ConnectionsOpened);
        Assert.Empty(host.Gate.Released);
    }

    [Fact]
    public async Task Pump_UpstreamDies_EndsEveryViewerCleanlyAndReleasesTheSlot()
    {
        await using var host = await RelayHost.StartAsync(upstreamBytesPerSecond: 2_000_000);
        var viewers = new List<RelayHost.Viewer>();
        for (int i = 0; i < 3; i++)
        {
            viewers.Add(await host.ConnectAsync());
        }

        try
        {
            await Task.WhenAll(viewers.Select(v => v.ReadAsync(64 * 1024, Patience)));
            host.Upstream.KillAll();

            bool[] endedCleanly = await Task.WhenAll(viewers.Select(v => v.ReadToEndAsync(Patience)));
            Assert.All(endedCleanly, Assert.True);
            await Eventually.TrueAsync(() => host.Gate.Released.Count == 1, Patience, "the slot is released after the upstream died");
            Assert.Null(host.Relay.GetStats("42"));
        }
        finally
        {
            viewers.ForEach(v => v.Dispose());
        }
    }

    [Fact]
    public async Task RemoveViewer_LastViewerLeaves_ClosesUpstreamAndReleasesSlotAfterGrace()
    {
        var grace = TimeSpan.FromMilliseconds(400);
        await using var host = await RelayHost.StartAsync(upstreamBytesPerSecond: 2_000_000, options => options.GracePeriod = grace);
        var viewer = await host.ConnectAsync();
        await viewer.ReadAsync(64 * 1024, Patience);

        viewer.Dispose();
        await Eventually.TrueAsync(() => host.Relay.GetStats("42")?.Viewers is null or 0, Patience, "the relay noticed the viewer left");
        var left = TimeProvider.System.GetUtcNow();

        await Eventually.TrueAsync(() => host.Gate.Released.Count == 1, Patience, "the slot is released after the grace period");
        var (lease, releasedAt) = Assert.Single(host.Gate.Released);
        Assert.Equal("acme", lease.AccountId);
        Assert.True(releasedAt - left >= grace * 0.7, $"released {(releasedAt - left).TotalMilliseconds:0} ms after the last viewer left, before the {grace.TotalMilliseconds} ms grace");
        await Eventually.TrueAsync(() => host.Upstream.ActiveConnections == 0, Patience, "the upstream connection is closed");
        Assert.Equal(0, host.Gate.Held);
    }

    [Fact]
    public async Task Join_ViewerArrivesWithinGrace_ReusesTheUpstream()
    {
        await using var host = await RelayHost.StartAsync(upstreamBytesPerSecond: 2_000_000, options => options.GracePeriod = TimeSpan.FromSeconds(10));
        using (var first = await host.ConnectAsync())
        {
            await first.ReadAsync(32 * 1024, Patience);
        }

        await Eventually.TrueAsync(() => host.Relay.GetStats("42")?.Viewers == 0, Patience, "the first viewer has left");
        using var second = await host.ConnectAsync();
        await second.ReadAsync(64 * 1024, Patience);

        Assert.Equal(1, host.Upstream.ConnectionsOpened);
        Assert.Single(host.Gate.Acquired);
        Assert.Empty(host.Gate.Released);
    }

    [Fact]
    public async Task Join_SlotRefused_Answers429WithAClearProblem()
    {
        await using var host = await RelayHost.StartAsync(upstreamBytesPerSecond: 2_000_000);
        host.Gate.Refuse = true;

        using var response = await host.Client.GetAsync(host.LiveUrl("42"));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no free connection", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("acme", body, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Equal(0, host.Upstream.ConnectionsOpened);

        // A refused session does not linger: once a slot is free, the next viewer gets the stream.
        host.Gate.Refuse = false;
        using var viewer = await host.ConnectAsync();
        Assert.Equal(32 * 1024, (await viewer.ReadAsync(32 * 1024, Patience)).Length);
    }

    [Fact]
    public async Task Join_UnknownStream_Answers404WithoutTakingASlot()
    {
        await using var host = await RelayHost.StartAsync(upstreamBytesPerSecond: 2_000_000);

        using var response = await host.Client.GetAsync(host.LiveUrl("nope"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nope", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.Gate.Acquired);
    }

    [Fact]
    public async Task Join_UpstreamAnswers404_Answers502WithoutCredentialsAndReleasesTheSlot()
    {
        await using var host = await RelayHost.StartAsync(upstreamBytesPerSecond: 2_000_000);
        host.Resolver.Sources["gone"] = new StreamSource(host.Upstream.Server.Url("movie/alice/s3cret/9.mkv"), "acme");

        using var response = await host.Client.GetAsync(host.LiveUrl("gone"));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("404", body, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", body, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => host.Gate.Released.Count == 1, Patience, "the slot taken for the failed upstream is released");
    }

    [Fact]
    public async Task Renew_WhileLive_RenewsEveryThirdOfTheTtlAndClosesWhenTheLeaseIsLost()
    {
        await using var host = await RelayHost.StartAsync(upstreamBytesPerSecond: 1_000_000);
        host.Gate.Ttl = TimeSpan.FromMilliseconds(300);
        using var viewer = await host.ConnectAsync();

        await Eventually.TrueAsync(() => host.Gate.Renewed.Count >= 3, Patience, "the lease is renewed while the viewer watches");

        host.Gate.RenewSucceeds = false;
        Assert.True(await viewer.ReadToEndAsync(Patience), "the viewer's stream ended cleanly when the lease was lost");
        await Eventually.TrueAsync(() => host.Gate.Released.Count == 1, Patience, "the lost lease is released");
    }

    private static long LocateInUpstream(byte[] received)
    {
        // Chunks are cut from the upstream's start, so a viewer's first byte sits on a chunk boundary.
        for (long start = 0; start < 64L * 1024 * 1024; start += ChunkSize)
        {
            if (received.AsSpan(0, 1024).SequenceEqual(TsPattern.Bytes(start, 1024)))
            {
                return start;
            }
        }

        throw new Xunit.Sdk.XunitException("A viewer's bytes do not match the upstream at any chunk boundary.");
    }

    private static async Task<Socket> ConnectStalledViewerAsync(Uri url)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 2048 };
        await socket.ConnectAsync(IPAddress.Loopback, url.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {url.PathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1:{url.Port}\r\n\r\n"));
        return socket;
    }
}
