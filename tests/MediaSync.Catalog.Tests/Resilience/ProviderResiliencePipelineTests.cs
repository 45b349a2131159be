using System.Diagnostics;
using System.Net;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Providers;
using MediaSync.Catalog.Resilience;
using MediaSync.Catalog.Tests.Support;
using MediaSync.Catalog.Xtream;
using MediaSync.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MediaSync.Catalog.Tests.Resilience;

/// <summary>The shared provider pipeline against a real loopback server.</summary>
public sealed class ProviderResiliencePipelineTests
{
    [Fact]
    public async Task Send_429WithRetryAfterSeconds_WaitsAtLeastThatLongThenSucceeds()
    {
        int calls = 0;
        await using RecordingServer server = await RecordingServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            await context.Response.WriteAsync("ok");
        });
        using HttpClient http = TestClients.Http(TestClients.FastResilience());

        using HttpResponseMessage response = await http.GetAsync(server.BaseUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        RecordedRequest[] requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        TimeSpan gap = requests[1].ReceivedAt - requests[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"retried after {gap.TotalMilliseconds} ms despite Retry-After: 1");
    }

    [Fact]
    public async Task Send_503WithRetryAfterDate_WaitsUntilThatDate()
    {
        int calls = 0;
        await using RecordingServer server = await RecordingServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 503;
                context.Response.Headers.RetryAfter = TimeProvider.System.GetUtcNow().AddSeconds(2).ToString("R", CultureInfo.InvariantCulture);
                return;
            }

            await context.Response.WriteAsync("ok");
        });
        using HttpClient http = TestClients.Http(TestClients.FastResilience());

        using HttpResponseMessage response = await http.GetAsync(server.BaseUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        RecordedRequest[] requests = server.Requests.ToArray();
        TimeSpan gap = requests[1].ReceivedAt - requests[0].ReceivedAt;

        // The HTTP date has whole seconds, so "now + 2 s" is at least one second away.
        Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"retried after {gap.TotalMilliseconds} ms despite a Retry-After date");
    }

    [Fact]
    public async Task Send_RetryAfterBeyondMaximum_FailsFastCarryingRetryAfter()
    {
        await using RecordingServer server = await RecordingServer.StartAsync(context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "3600";
            return Task.CompletedTask;
        });
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetAccountInfoAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Equal(1, server.RequestCount);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Send_5xxTwiceThenOk_RetriedUntilSuccess()
    {
        int calls = 0;
        await using RecordingServer server = await RecordingServer.StartAsync(async context =>
        {
            int call = Interlocked.Increment(ref calls);
            if (call <= 2)
            {
                context.Response.StatusCode = call == 1 ? 500 : 502;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Xtream.XtreamPayloads.LiveCategories);
        });
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        List<CatalogCategory> categories = await sut.GetCategoriesAsync(CatalogKind.Live).ToListAsync();

        Assert.Equal(2, categories.Count);
        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task Send_5xxPersistently_ThrowsProviderErrorAfterAllAttempts()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("upstream down", "text/plain", 500);
        XtreamClient sut = TestClients.Xtream(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ProviderResponseException>(() => sut.GetItemsAsync(CatalogKind.Vod).ToListAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("upstream down", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.RequestCount);
        TestClients.AssertNoSecret(error.ToString());
    }

    [Fact]
    public async Task Send_RepeatedFailures_OpenCircuitThenRecoverAfterBreak()
    {
        bool failing = true;
        await using RecordingServer server = await RecordingServer.StartAsync(context =>
        {
            context.Response.StatusCode = Volatile.Read(ref failing) ? 500 : 200;
            return Task.CompletedTask;
        });
        TimeSpan breakDuration = TimeSpan.FromSeconds(1);

        // The breaker reads the wall clock; a fake one keeps the test from depending on a CI machine's clock.
        var time = new FakeTimeProvider();
        using HttpClient http = TestClients.Http(
            TestClients.FastResilience(o =>
            {
                o.MaxRetryAttempts = 0;
                o.BreakerMinimumThroughput = 2;
                o.BreakerFailureRatio = 0.5;
                o.BreakerSamplingDuration = TimeSpan.FromSeconds(30);
                o.BreakDuration = breakDuration;
            }),
            time: time);

        (await http.GetAsync(server.BaseUrl)).Dispose();
        (await http.GetAsync(server.BaseUrl)).Dispose();
        await Assert.ThrowsAsync<BrokenCircuitException>(() => http.GetAsync(server.BaseUrl));
        Assert.Equal(2, server.RequestCount);

        Volatile.Write(ref failing, false);
        time.Advance(breakDuration - TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => http.GetAsync(server.BaseUrl));
        Assert.Equal(2, server.RequestCount);

        time.Advance(TimeSpan.FromMilliseconds(1));
        using HttpResponseMessage recovered = await http.GetAsync(server.BaseUrl);

        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task Send_SlowFirstAttempt_TimesOutPerAttemptAndRetries()
    {
        int calls = 0;
        await using RecordingServer server = await RecordingServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), TimeProvider.System, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await context.Response.WriteAsync("fast");
        });
        using HttpClient http = TestClients.Http(TestClients.FastResilience(o => o.AttemptTimeout = TimeSpan.FromSeconds(1)));
        var stopwatch = Stopwatch.StartNew();

        using HttpResponseMessage response = await http.GetAsync(server.BaseUrl);

        // The first attempt hangs for 10 s on the server; only the attempt timeout can end it early.
        Assert.Equal("fast", await response.Content.ReadAsStringAsync());
        Assert.InRange(server.RequestCount, 2, 3);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(8), $"took {stopwatch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Send_EveryAttemptTooSlow_ThrowsTimeoutRejected()
    {
        await using RecordingServer server = await RecordingServer.StartAsync(context =>
            Task.Delay(TimeSpan.FromSeconds(10), TimeProvider.System, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default));
        using HttpClient http = TestClients.Http(TestClients.FastResilience(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetryAttempts = 1;
        }));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => http.GetAsync(server.BaseUrl));
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task Send_ManyParallelCalls_NeverExceedMaxConcurrencyInFlight()
    {
        await using RecordingServer server = await RecordingServer.StartAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(40), TimeProvider.System);
            await context.Response.WriteAsync("ok");
        });
        using HttpClient http = TestClients.Http(TestClients.FastResilience(o => o.MaxConcurrency = 3));

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => http.GetAsync(server.BaseUrl)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(24, server.RequestCount);
        Assert.InRange(server.MaxInFlight, 2, 3);
    }

    [Fact]
    public async Task Send_RateLimited_SpreadsRequestsOverTime()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("ok", "text/plain");
        using HttpClient http = TestClients.Http(TestClients.FastResilience(o =>
        {
            o.RequestsPerSecond = 10;
            o.MaxConcurrency = 50;
        }));
        var stopwatch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ => (await http.GetAsync(server.BaseUrl)).Dispose()));

        // A full bucket of 10 goes at once; the other 20 need two refills of one second each.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(1.8), $"30 requests at 10/s took only {stopwatch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(30, server.RequestCount);
    }

    [Fact]
    public void Validate_AttemptLongerThanTotalAndShortSampling_ReportsBoth()
    {
        var options = new ProviderResilienceOptions
        {
            AttemptTimeout = TimeSpan.FromMinutes(2),
            TotalTimeout = TimeSpan.FromMinutes(1),
            BreakerSamplingDuration = TimeSpan.FromMinutes(1),
        };

        string[] problems = options.Validate().ToArray();

        Assert.Contains(problems, p => p.Contains("AttemptTimeout", StringComparison.Ordinal) && p.Contains("TotalTimeout", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("BreakerSamplingDuration", StringComparison.Ordinal));
        var error = Assert.Throws<ArgumentException>(() => TestClients.Http(options, "Xtream"));
        Assert.Contains("Xtream resilience options are invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OutOfRangeValue_IsReported()
    {
        var options = new ProviderResilienceOptions { MaxConcurrency = 0 };

        Assert.Contains(options.Validate(), p => p.Contains("MaxConcurrency", StringComparison.Ordinal));
    }
}
