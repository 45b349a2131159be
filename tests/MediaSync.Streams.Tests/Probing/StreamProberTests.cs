using MediaSync.Streams.Tests.Support;
using Microsoft.Extensions.Options;

namespace MediaSync.Streams.Tests.Probing;

public sealed class StreamProberTests(ProbeServerFixture server) : IClassFixture<ProbeServerFixture>
{
    private readonly ListLogger<StreamProber> logger = new();

    [Fact]
    public async Task ProbeAsync_LiveTransportStream_IsOkWithMeasurements()
    {
        // The bitrate leaves out the first read; with the usual 400 ms window a stalled test thread could find the window
        // over before a second read (no bitrate at all), so this test samples for a second.
        var result = await CreateSut(o => o.SampleWindow = TimeSpan.FromSeconds(1)).ProbeAsync(server.Url("ok.ts"));

        Assert.Equal(StreamProbeStatus.Ok, result.Status);
        Assert.Null(result.Detail);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal("video/mp2t", result.ContentType);
        Assert.NotNull(result.TtfbMs);
        Assert.True(result.BytesRead >= 188 * 7, $"read {result.BytesRead} bytes");

        // The upstream sends 1 MB/s = 8,000 kbps; the window is short, so allow a wide margin.
        Assert.InRange(result.BitrateKbps ?? 0, 2_000, 40_000);
    }

    [Fact]
    public async Task ProbeAsync_NotFound_IsHttpErrorWith404()
    {
        var result = await CreateSut().ProbeAsync(server.Url("missing.ts"));

        Assert.Equal(StreamProbeStatus.HttpError, result.Status);
        Assert.Equal(404, result.HttpStatus);
        Assert.Contains("404", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_NoResponse_IsTimeoutWithinTheFirstByteBudget()
    {
        var clock = TimeProvider.System.GetTimestamp();

        var result = await CreateSut().ProbeAsync(server.Url("hang.ts"));

        Assert.Equal(StreamProbeStatus.Timeout, result.Status);
        Assert.Null(result.HttpStatus);
        Assert.True(TimeProvider.System.GetElapsedTime(clock) < TimeSpan.FromSeconds(6), "the probe gave up at its first-byte timeout, not the total");
    }

    [Fact]
    public async Task ProbeAsync_HeadersButNoBody_IsTimeout()
    {
        var result = await CreateSut().ProbeAsync(server.Url("silent.ts"));

        Assert.Equal(StreamProbeStatus.Timeout, result.Status);
        Assert.Equal(200, result.HttpStatus);
        Assert.Contains("no body byte", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_HtmlErrorPage_IsWrongContentType()
    {
        var result = await CreateSut().ProbeAsync(server.Url("page"));

        Assert.Equal(StreamProbeStatus.WrongContentType, result.Status);
        Assert.Equal("text/html", result.ContentType);
        Assert.Contains("HTML", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_GarbageBytes_IsNoMpegTsSync()
    {
        var result = await CreateSut().ProbeAsync(server.Url("garbage.ts"));

        Assert.Equal(StreamProbeStatus.NoMpegTsSync, result.Status);
        Assert.Contains("0x47", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_HlsMasterPlaylist_FollowsVariantToNewestSegment()
    {
        var result = await CreateSut().ProbeAsync(server.Url("hls/master.m3u8"));

        Assert.Equal(StreamProbeStatus.Ok, result.Status);
        Assert.Equal("application/vnd.apple.mpegurl", result.ContentType);
        Assert.Contains("/hls/low/seg2.ts", server.Requests);
        Assert.DoesNotContain("/hls/low/seg1.ts", server.Requests);

        // 188,000 bytes in a 2 s segment = 752 kbps.
        Assert.Equal(752, result.BitrateKbps);
    }

    [Theory]
    [InlineData("hls-broken/media.m3u8", "404")]
    [InlineData("hls-garbage/media.m3u8", "neither MPEG-TS nor fragmented MP4")]
    [InlineData("hls-empty/master.m3u8", "variant playlist")]
    public async Task ProbeAsync_BrokenHls_IsHlsUnreadableSayingWhere(string path, string expectedDetail)
    {
        var result = await CreateSut().ProbeAsync(server.Url(path));

        Assert.Equal(StreamProbeStatus.HlsUnreadable, result.Status);
        Assert.Contains(expectedDetail, result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("loop", "redirect loop")]
    [InlineData("chain/1", "more than 3 redirects")]
    [InlineData("to-ftp", "'ftp' is not http or https")]
    public async Task ProbeAsync_BadRedirects_AreCut(string path, string expectedDetail)
    {
        int before = server.Requests.Count;

        var result = await CreateSut(o => o.MaxRedirects = 3).ProbeAsync(server.Url(path));

        Assert.Equal(StreamProbeStatus.RedirectRejected, result.Status);
        Assert.Contains(expectedDetail, result.Detail, StringComparison.Ordinal);
        Assert.True(server.Requests.Count - before <= 4, "no more than the allowed redirects were followed");
    }

    [Fact]
    public async Task ProbeAsync_RedirectToLoadBalancer_IsFollowedAndTheTokenIsMasked()
    {
        var result = await CreateSut().ProbeAsync(server.Url("moved"));

        Assert.Equal(StreamProbeStatus.Ok, result.Status);
        Assert.Contains("/ok.ts?token=lb-t0ken", server.Requests);
        Assert.DoesNotContain(logger.Lines, line => line.Contains("lb-t0ken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProbeAsync_XtreamCredentialsInUrl_NeverAppearInResultOrLogs()
    {
        var result = await CreateSut().ProbeAsync(server.Url("live/alice/s3cret-pw/42.ts"));

        Assert.Equal(StreamProbeStatus.HttpError, result.Status);
        Assert.DoesNotContain("s3cret-pw", result.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", result.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", result.Detail, StringComparison.Ordinal);
        Assert.Contains("/live/***/***/42.ts", result.Url, StringComparison.Ordinal);
        Assert.NotEmpty(logger.Lines);
        Assert.DoesNotContain(logger.Lines, line => line.Contains("s3cret-pw", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProbeAsync_DeadlineAlreadyPassed_IsTimeoutWithoutARequest()
    {
        int before = server.Requests.Count;

        var result = await CreateSut().ProbeAsync(server.Url("ok.ts"), deadline: TimeProvider.System.GetUtcNow().AddSeconds(-1));

        Assert.Equal(StreamProbeStatus.Timeout, result.Status);
        Assert.True(result.EndedByDeadline);
        Assert.Contains("deadline", result.Detail, StringComparison.Ordinal);
        Assert.Equal(before, server.Requests.Count);
    }

    [Fact]
    public async Task ProbeAsync_NearDeadline_EndsBeforeIt()
    {
        var deadline = TimeProvider.System.GetUtcNow().AddMilliseconds(300);

        var result = await CreateSut(o => o.FirstByteTimeout = TimeSpan.FromSeconds(5)).ProbeAsync(server.Url("hang.ts"), deadline);

        Assert.Equal(StreamProbeStatus.Timeout, result.Status);
        Assert.True(result.EndedByDeadline, "the caller's deadline, not the stream, ended the probe");
        Assert.True(TimeProvider.System.GetUtcNow() - deadline < TimeSpan.FromSeconds(1), "the probe ended at the deadline");
    }

    [Fact]
    public async Task ProbeAsync_OwnFirstByteTimeoutBeforeTheDeadline_IsTheStreamsTimeout()
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(5);

        var result = await CreateSut(o => o.FirstByteTimeout = TimeSpan.FromMilliseconds(300)).ProbeAsync(server.Url("hang.ts"), deadline);

        Assert.Equal(StreamProbeStatus.Timeout, result.Status);
        Assert.False(result.EndedByDeadline, result.Detail);
    }

    [Fact]
    public async Task ProbeAsync_ConnectionRefused_IsConnectionFailed()
    {
        var result = await CreateSut().ProbeAsync(new Uri("http://127.0.0.1:1/live/u/p/1.ts"));

        Assert.Equal(StreamProbeStatus.ConnectionFailed, result.Status);
        Assert.NotNull(result.Detail);
    }

    [Fact]
    public async Task ProbeAsync_CallerCancels_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateSut().ProbeAsync(server.Url("hang.ts"), cancellationToken: cancelled.Token));
    }

    private StreamProber CreateSut(Action<StreamProberOptions>? configure = null)
    {
        var options = new StreamProberOptions
        {
            // Generous enough for the first request of a cold process on a busy 2-core CI machine.
            FirstByteTimeout = TimeSpan.FromSeconds(2),
            StallTimeout = TimeSpan.FromSeconds(1),
            SampleWindow = TimeSpan.FromMilliseconds(400),
            TotalTimeout = TimeSpan.FromSeconds(8),
        };
        configure?.Invoke(options);
        var http = new HttpClient(StreamProber.CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan };
        return new StreamProber(http, Options.Create(options), TimeProvider.System, logger);
    }
}
