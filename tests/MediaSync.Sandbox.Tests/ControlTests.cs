using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace MediaSync.Sandbox.Tests;

public sealed class ControlTests
{
    private static SandboxOptions Small() => new() { Catalog = { LiveChannels = 50, Movies = 100, Series = 5, TvShows = 5 } };

    [Fact]
    public async Task Latency_Fixed_EveryCallTakesAtLeastIt()
    {
        await using var sandbox = await SandboxHost.StartAsync(Small());
        using var http = SandboxClient.Create(sandbox);
        await http.GetJsonAsync(SandboxClient.PlayerApi(sandbox, "get_live_categories"));

        // The latency is long enough that a call without it stays well below even when a busy 2-core machine stalls
        // the test for most of a second (a 500 ms bound after a 700 ms latency once failed at 780 ms).
        sandbox.Control.SetLatency(TimeSpan.FromSeconds(2.5));
        var clock = Stopwatch.StartNew();
        await http.GetJsonAsync(SandboxClient.PlayerApi(sandbox, "get_live_categories"));
        var slowed = clock.Elapsed;
        sandbox.Control.SetLatency(TimeSpan.Zero);
        clock.Restart();
        await http.GetJsonAsync(SandboxClient.PlayerApi(sandbox, "get_live_categories"));

        Assert.True(slowed >= TimeSpan.FromMilliseconds(2_490), $"took {slowed.TotalMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"took {clock.Elapsed.TotalMilliseconds} ms after reset");
    }

    [Fact]
    public async Task ApiCallTime_TwoConcurrentCallsWithLatency_CountsBothForTheWholeCall()
    {
        await using var sandbox = await SandboxHost.StartAsync(Small());
        using var http = SandboxClient.Create(sandbox);
        sandbox.Control.SetLatency(TimeSpan.FromMilliseconds(400));

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(
            http.GetJsonAsync(SandboxClient.PlayerApi(sandbox, "get_live_categories")),
            http.GetJsonAsync(SandboxClient.PlayerApi(sandbox, "get_vod_categories")));
        var took = clock.Elapsed;
        var busy = sandbox.Counters.ApiCallTime(sandbox.Account.Username);

        // Two calls of at least 400 ms each, counted from arrival: at least 0.8 s, at most twice the wall time.
        Assert.InRange(busy.TotalMilliseconds, 790, (2 * took.TotalMilliseconds) + 1);
        sandbox.Counters.Reset();
        Assert.Equal(TimeSpan.Zero, sandbox.Counters.ApiCallTime(sandbox.Account.Username));
    }

    [Fact]
    public async Task Latency_Range_DelaysSpreadInsideIt()
    {
        await using var sandbox = await SandboxHost.StartAsync(Small());
        using var http = SandboxClient.Create(sandbox);
        sandbox.Control.SetLatency(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250));
        var took = new List<double>();

        for (var i = 0; i < 8; i++)
        {
            var clock = Stopwatch.StartNew();
            await http.GetJsonAsync(SandboxClient.PlayerApi(sandbox, "get_live_categories"));
            took.Add(clock.Elapsed.TotalMilliseconds);
        }

        Assert.All(took, ms => Assert.InRange(ms, 45, 1000));
        Assert.True(took.Max() - took.Min() > 30, string.Join(", ", took));
    }

    [Fact]
    public async Task Bandwidth_Cap_BodyTakesSizeOverRate()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { VodFileBytes = 200_000 });
        using var http = SandboxClient.Create(sandbox);
        var movie = sandbox.Catalog.Movies.First();
        var url = $"movie/{sandbox.Account.Username}/{sandbox.Account.Password}/{movie.StreamId}.{movie.ContainerExtension}";
        sandbox.Control.BandwidthBytesPerSecond = 400_000;

        var clock = Stopwatch.StartNew();
        var bytes = await http.GetByteArrayAsync(url);

        Assert.Equal(200_000, bytes.Length);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.4, 3);
        Assert.True(sandbox.Counters.BytesServed >= 200_000);
    }

    [Fact]
    public async Task ErrorRate_Half_RoughlyHalfFailWithProviderShapedBody()
    {
        await using var sandbox = await SandboxHost.StartAsync(Small());
        using var http = SandboxClient.Create(sandbox);
        sandbox.Control.ErrorRate = 0.5;
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 200; i++)
        {
            using var response = await http.GetAsync(SandboxClient.PlayerApi(sandbox, "get_live_categories"));
            statuses.Add(response.StatusCode);
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.InternalServerError), 70, 130);
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.InternalServerError }));
    }

    [Fact]
    public async Task ErrorRate_SameSeed_SameCallsFail()
    {
        async Task<string> PatternAsync()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ErrorRate = 0.3, Catalog = { Seed = 7, TvShows = 1 } });
            using var http = SandboxClient.Create(sandbox);
            var pattern = new char[40];
            for (var i = 0; i < pattern.Length; i++)
            {
                using var response = await http.GetAsync(SandboxClient.PlayerApi(sandbox, "get_live_categories"));
                pattern[i] = response.IsSuccessStatusCode ? '.' : 'x';
            }

            return new string(pattern);
        }

        var first = await PatternAsync();
        var second = await PatternAsync();

        Assert.Equal(first, second);
        Assert.Contains('x', first);
    }

    [Fact]
    public async Task ErrorRate_Scoped_OnlyMatchingEndpointsFail()
    {
        await using var sandbox = await SandboxHost.StartAsync(Small());
        using var http = SandboxClient.Create(sandbox);
        sandbox.Control.Scope = "xtream:get_vod_streams";
        sandbox.Control.ErrorRate = 1;

        using var vod = await http.GetAsync(SandboxClient.PlayerApi(sandbox, "get_vod_streams"));
        using var live = await http.GetAsync(SandboxClient.PlayerApi(sandbox, "get_live_streams"));

        Assert.Equal(HttpStatusCode.InternalServerError, vod.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task ThrottleBurst_NextNCalls429WithRetryAfterThenNormal()
    {
        await using var sandbox = await SandboxHost.StartAsync(Small());
        using var http = SandboxClient.Create(sandbox);
        sandbox.Control.ThrottleNext(3, TimeSpan.FromSeconds(7), "xtream:");
        var statuses = new List<HttpStatusCode>();
        TimeSpan? retryAfter = null;

        for (var i = 0; i < 5; i++)
        {
            using var response = await http.GetAsync(SandboxClient.PlayerApi(sandbox, "get_series"));
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers.RetryAfter?.Delta;
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(TimeSpan.FromSeconds(7), retryAfter);
        Assert.Equal(5, sandbox.Counters.Calls("xtream:get_series"));
    }

    [Fact]
    public async Task Hang_NextCall_NeverAnswersUntilClientGivesUp()
    {
        await using var sandbox = await SandboxHost.StartAsync(Small());
        using var http = SandboxClient.Create(sandbox, TimeSpan.FromMilliseconds(500));
        sandbox.Control.HangNext(1, "xtream:get_vod_streams");

        var hung = await Record.ExceptionAsync(() => http.GetAsync(SandboxClient.PlayerApi(sandbox, "get_vod_streams")));

        // The next call gets a patient client: only the hang must outlast 0.5 s, not a busy machine's answer.
        using var patient = SandboxClient.Create(sandbox, TimeSpan.FromSeconds(30));
        using var next = await patient.GetAsync(SandboxClient.PlayerApi(sandbox, "get_vod_streams"));

        Assert.IsType<TaskCanceledException>(hung);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Truncate_Endpoint_BodyCutIntoMalformedJsonOnce()
    {
        await using var sandbox = await SandboxHost.StartAsync(Small());
        using var http = SandboxClient.Create(sandbox);
        var library = sandbox.Catalog.JellyfinLibraryId;
        var url = $"Items?parentId={library}&recursive=true&limit=50";
        sandbox.Control.TruncateNext("jellyfin:items", 300);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        SandboxClient.Jellyfin(request, sandbox);
        using var cut = await http.SendAsync(request);
        var body = await cut.Content.ReadAsStringAsync();
        var whole = await http.GetJsonAsync(url, r => SandboxClient.Jellyfin(r, sandbox));

        Assert.Equal(HttpStatusCode.OK, cut.StatusCode);
        Assert.Equal(300, body.Length);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Equal(50, whole.GetProperty("Items").GetArrayLength());
    }

    [Fact]
    public async Task Counters_Reset_ZeroesCallsAndBytes()
    {
        await using var sandbox = await SandboxHost.StartAsync(Small());
        using var http = SandboxClient.Create(sandbox);
        await http.GetJsonAsync(SandboxClient.PlayerApi(sandbox, "get_live_streams"));
        Assert.Equal(1, sandbox.Counters.Calls("xtream:get_live_streams"));
        Assert.True(sandbox.Counters.BytesServed > 0);

        sandbox.Counters.Reset();

        Assert.Equal(0, sandbox.Counters.TotalCalls);
        Assert.Equal(0, sandbox.Counters.BytesServed);
    }
}
