using System.Diagnostics;
using System.Net;
using MediaSync.TestSupport;

namespace MediaSync.Sandbox.Tests;

public sealed class StreamTests
{
    private static string Path(SandboxHost sandbox, string kind, string file) =>
        $"{kind}/{sandbox.Account.Username}/{sandbox.Account.Password}/{file}";

    [Fact]
    public async Task Stall_NextStream_HoldsAConnectionAndSendsNothingUntilTheClientGivesUp()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        var user = sandbox.Account.Username;
        using var http = SandboxClient.Create(sandbox, TimeSpan.FromSeconds(30));
        sandbox.Control.StallNext(1, "xtream:stream:live");

        using var giveUp = new CancellationTokenSource();
        var stalled = http.GetAsync(Path(sandbox, "live", "1.ts"), HttpCompletionOption.ResponseHeadersRead, giveUp.Token);
        await Eventually.TrueAsync(() => sandbox.Counters.CurrentStreams(user) == 1, TimeSpan.FromSeconds(10), "the stalled stream holds a connection");
        Assert.False(stalled.IsCompleted);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stalled);
        await Eventually.TrueAsync(() => sandbox.Counters.CurrentStreams(user) == 0, TimeSpan.FromSeconds(10), "the stalled connection is released");
        using var next = await http.GetAsync(Path(sandbox, "live", "1.ts"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Live_Ts_Serves188BytePacketsWithSyncByte()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = SandboxClient.Create(sandbox);

        using var response = await http.GetAsync(Path(sandbox, "live", "1.ts"), HttpCompletionOption.ResponseHeadersRead);
        var buffer = new byte[188 * 20];
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.ReadExactlyAsync(buffer);

        Assert.Equal("video/mp2t", response.Content.Headers.ContentType?.MediaType);
        for (var packet = 0; packet < 20; packet++)
        {
            Assert.Equal(0x47, buffer[packet * 188]);
            Assert.Equal(0, buffer[(packet * 188) + 1] & 0x80);
        }
    }

    [Fact]
    public async Task Live_Ts_PacedAtConfiguredBitrate()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { StreamBitsPerSecond = 800_000 });
        using var http = SandboxClient.Create(sandbox);

        using var response = await http.GetAsync(Path(sandbox, "live", "2.ts"), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        var clock = Stopwatch.StartNew();
        long read = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            read += await body.ReadAsync(buffer);
        }

        var bitsPerSecond = read * 8 / clock.Elapsed.TotalSeconds;
        Assert.InRange(bitsPerSecond, 400_000, 1_300_000);
    }

    [Fact]
    public async Task Hls_PlaylistThenSegment_LiveMediaPlaylistAndTsSegment()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = SandboxClient.Create(sandbox);

        var playlist = await http.GetStringAsync(Path(sandbox, "live", "4.m3u8"));
        var segment = playlist.Split('\n').First(l => l.Length > 0 && !l.StartsWith('#'));
        var bytes = await http.GetByteArrayAsync(segment.TrimStart('/'));

        Assert.StartsWith("#EXTM3U", playlist, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-TARGETDURATION:", playlist, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-MEDIA-SEQUENCE:", playlist, StringComparison.Ordinal);
        Assert.DoesNotContain("#EXT-X-ENDLIST", playlist, StringComparison.Ordinal);
        Assert.Equal(0, bytes.Length % 188);
        Assert.Equal(0x47, bytes[188]);
        Assert.True(sandbox.Counters.Calls("xtream:hls:playlist:id=4") == 1);
    }

    [Fact]
    public async Task Movie_RangeRequest_206WithContentRangeAndContainerMagic()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = SandboxClient.Create(sandbox);
        var movie = sandbox.Catalog.Movies.First(m => m.ContainerExtension == "mkv");
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(sandbox, "movie", $"{movie.StreamId}.mkv"));
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 4095);

        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(sandbox.Options.VodFileBytes, response.Content.Headers.ContentRange?.Length);
        Assert.Equal(4096, bytes.Length);
        Assert.Equal(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }, bytes[..4]);
    }

    [Fact]
    public async Task Episode_WrongExtensionOrUnknownId_404()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = SandboxClient.Create(sandbox);
        var episode = sandbox.Catalog.GetEpisodes(1)[0];
        var wrong = episode.ContainerExtension == "mkv" ? "mp4" : "mkv";

        using var ok = await http.GetAsync(Path(sandbox, "series", $"{episode.Id}.{episode.ContainerExtension}"));
        using var wrongExtension = await http.GetAsync(Path(sandbox, "series", $"{episode.Id}.{wrong}"));
        using var unknown = await http.GetAsync(Path(sandbox, "series", "123.mkv"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongExtension.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ConnectionLimit_NPlusOnethConcurrentStream_RefusedAndPeakIsN()
    {
        var options = new SandboxOptions();
        options.Catalog.Accounts[0].MaxConnections = 3;
        await using var sandbox = await SandboxHost.StartAsync(options);
        using var http = SandboxClient.Create(sandbox);
        var user = sandbox.Account.Username;
        var open = new List<HttpResponseMessage>();

        try
        {
            for (var i = 1; i <= 3; i++)
            {
                var response = await http.GetAsync(Path(sandbox, "live", $"{i}.ts"), HttpCompletionOption.ResponseHeadersRead);
                open.Add(response);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            using var refused = await http.GetAsync(Path(sandbox, "movie", $"{sandbox.Catalog.Movies.First().StreamId}.{sandbox.Catalog.Movies.First().ContainerExtension}"));
            var account = await http.GetJsonAsync(SandboxClient.PlayerApi(sandbox));

            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("3", account.GetProperty("user_info").GetProperty("active_cons").GetString());
            Assert.Equal(3, sandbox.Counters.PeakStreams(user));
            Assert.True(sandbox.Counters.PeakConnections(user) >= 3);
        }
        finally
        {
            foreach (var response in open)
            {
                response.Dispose();
            }
        }

        await Eventually.TrueAsync(() => sandbox.Counters.CurrentStreams(user) == 0, TimeSpan.FromSeconds(10), "closed streams free their slots");
        using var again = await http.GetAsync(Path(sandbox, "live", "1.ts"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(3, sandbox.Counters.PeakStreams(user));
    }

    [Fact]
    public async Task ConnectionLimit_RacingViewers_NeverExceedLimit()
    {
        var options = new SandboxOptions { ConnectionLimitStatusCode = 509 };
        options.Catalog.Accounts[0].MaxConnections = 2;
        await using var sandbox = await SandboxHost.StartAsync(options);
        using var http = SandboxClient.Create(sandbox);

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => http.GetAsync(Path(sandbox, "live", $"{i}.ts"), HttpCompletionOption.ResponseHeadersRead)));
        try
        {
            Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(6, responses.Count(r => (int)r.StatusCode == 509));
            Assert.Equal(2, sandbox.Counters.PeakStreams(sandbox.Account.Username));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Streams_ExpiredAccount_403ButApiStillAuthenticates()
    {
        var options = new SandboxOptions();
        options.Catalog.Accounts[0].Status = "Expired";
        await using var sandbox = await SandboxHost.StartAsync(options);
        using var http = SandboxClient.Create(sandbox);

        var account = await http.GetJsonAsync(SandboxClient.PlayerApi(sandbox));
        using var stream = await http.GetAsync(Path(sandbox, "live", "1.ts"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(1, account.GetProperty("user_info").GetProperty("auth").GetInt32());
        Assert.Equal("Expired", account.GetProperty("user_info").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, stream.StatusCode);
    }
    [Fact]
    public async Task SlotLinger_ClosedStream_StillCountsForAMoment()
    {
        var options = new SandboxOptions { StreamSlotLinger = TimeSpan.FromMilliseconds(800) };
        options.Catalog.Accounts[0].MaxConnections = 1;
        await using var sandbox = await SandboxHost.StartAsync(options);
        using var http = SandboxClient.Create(sandbox);
        var segment = Path(sandbox, "hls", "1/100.ts");

        var first = await http.GetByteArrayAsync(segment);
        using var tooSoon = await http.GetAsync(segment);
        await Eventually.TrueAsync(() => sandbox.Counters.CurrentStreams(sandbox.Account.Username) == 0, TimeSpan.FromSeconds(10), "the lingering slot is released");
        using var later = await http.GetAsync(segment);

        Assert.NotEmpty(first);
        Assert.Equal(HttpStatusCode.Forbidden, tooSoon.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }
    [Fact]
    public async Task Redirect_Enabled_StreamAnswers302ToTokenUrlThatServesTs()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        sandbox.Control.RedirectStreams = true;
        using var following = SandboxClient.Create(sandbox);
        using var manual = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = sandbox.BaseUri };

        using var redirect = await manual.GetAsync(Path(sandbox, "live", "6.ts"));
        using var followed = await following.GetAsync(Path(sandbox, "live", "6.ts"), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await followed.Content.ReadAsStreamAsync();
        var first = new byte[188];
        await body.ReadExactlyAsync(first);

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Contains("lb_token=", redirect.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Equal(0x47, first[0]);
        Assert.Equal(3, sandbox.Counters.Calls("xtream:stream:live:id=6"));
    }
}
