using System.Text.Json;
using MediaSync.Durable;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Functions.Tests.Checks;

/// <summary>Stream checks end to end: the app over Azurite, the sandbox provider enforcing and counting each account's connections.</summary>
public sealed class StreamCheckTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ReferenceScenario_AMax1_BMax2_AllOk_NeverAboveTheLimits()
    {
        await using CheckHost host = await CheckHost.StartAsync(azurite.ConnectionString, new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 });

        string id = await host.StartAsync("a/1", "a/2", "b/1", "b/2", "b/3");
        JsonElement status = await host.WaitAsync(id);

        // The sandbox refuses (403) a stream over the account's limit, so five Ok probes mean no check ever exceeded it.
        JsonElement summary = status.GetProperty("summary");
        Assert.True(5 == summary.GetProperty("total").GetInt32(), status.ToString());
        Assert.Equal(5, summary.GetProperty("tally").GetProperty("byStatus").GetProperty("Ok").GetInt32());
        Assert.InRange(host.Sandbox.Counters.PeakStreams("a"), 1, 1);
        Assert.InRange(host.Sandbox.Counters.PeakStreams("b"), 1, 2);
        Assert.Equal(5, status.GetProperty("progress").GetProperty("done").GetInt32());
        Assert.Equal(["a", "b"], status.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()));
        var limits = summary.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!, a => a.GetProperty("limit").GetInt32());
        Assert.Equal(1, limits["a"]);
        Assert.Equal(2, limits["b"]);

        var health = (await host.HealthAsync("a")).Concat(await host.HealthAsync("b")).ToDictionary();
        Assert.Equal(["a/1", "a/2", "b/1", "b/2", "b/3"], health.Keys.Order());
        Assert.All(health.Values, s => Assert.Equal("Ok", s));
        JsonElement one = await host.GetAsync("/api/health/streams/b/2");
        Assert.Equal(id, one.GetProperty("history")[0].GetProperty("checkId").GetString());
        Assert.True(one.GetProperty("ttfbMs").GetInt64() >= 0);
    }

    [Fact]
    public async Task Check_WhileAPlayerOutsideMediaSyncWatches_LeavesItsConnectionAlone()
    {
        await using CheckHost host = await CheckHost.StartAsync(azurite.ConnectionString, new Dictionary<string, int> { ["a"] = 3 });

        // A TV on the same account, straight to the provider: active_cons counts it, the slots do not.
        using var tv = new HttpClient();
        using HttpResponseMessage watching = await tv.GetAsync(new Uri(host.Sandbox.XtreamUri, "live/a/pw-a/40.ts"), HttpCompletionOption.ResponseHeadersRead);
        watching.EnsureSuccessStatusCode();

        string id = await host.StartAsync("a/1", "a/2", "a/3", "a/4", "a/5", "a/6");
        JsonElement status = await host.WaitAsync(id);

        // With three probes in flight next to the TV the sandbox would refuse one (403): six Ok means it never happened.
        JsonElement summary = status.GetProperty("summary");
        Assert.True(2 == summary.GetProperty("accounts")[0].GetProperty("limit").GetInt32(), status.ToString());
        Assert.Equal(6, summary.GetProperty("tally").GetProperty("byStatus").GetProperty("Ok").GetInt32());
        Assert.InRange(host.Sandbox.Counters.PeakStreams("a"), 2, 3);
        Assert.Equal(1, host.Sandbox.Counters.CurrentStreams("a"));
    }

    [Fact]
    public async Task SecondCheck_StartedWhileTheFirstHoldsEveryConnection_WaitsItsTurnInsteadOfSeeingTheAccountTaken()
    {
        await using CheckHost host = await CheckHost.StartAsync(
            azurite.ConnectionString, new Dictionary<string, int> { ["a"] = 2 }, new Dictionary<string, string?> { ["Streams:Probe:TotalTimeout"] = "00:00:08" });

        // Both probes take a connection and get no bytes until their timeout cuts them, so the two connections are open
        // together for most of those 8 s, however late the second lane starts on a loaded machine.
        host.Sandbox.Control.StallNext(2, "xtream:stream:live");
        string first = await host.StartAsync("a/1", "a/2");
        await Eventually.TrueAsync(() => host.Sandbox.Counters.CurrentStreams("a") == 2, CheckHost.Timeout, "the first check holds both connections");

        // active_cons is 2 of 2 now, all of it the first check's: the second must count those as MediaSync's, not a TV's.
        string second = await host.StartAsync("a/5", "a/6");
        JsonElement status = await host.WaitAsync(second);
        await host.WaitAsync(first);

        JsonElement summary = status.GetProperty("summary");
        Assert.True(2 == summary.GetProperty("tally").GetProperty("byStatus").GetProperty("Ok").GetInt32(), status.ToString());
        Assert.Equal(2, summary.GetProperty("accounts")[0].GetProperty("limit").GetInt32());
        Assert.InRange(host.Sandbox.Counters.PeakStreams("a"), 2, 2);
    }

    [Fact]
    public async Task PlayerStartedBetweenTwoPages_TheNextPageReadsTheLimitAgain_AndLeavesItsConnectionAlone()
    {
        await using CheckHost host = await CheckHost.StartAsync(
            azurite.ConnectionString, new Dictionary<string, int> { ["a"] = 2 }, new Dictionary<string, string?> { ["Checks:PageSize"] = "2" });

        // Account reads answer after 2 s, so the TV below is on before the second page's read is answered.
        host.Sandbox.Control.Scope = "xtream:account";
        host.Sandbox.Control.SetLatency(TimeSpan.FromSeconds(2));
        string id = await host.StartAsync("a/1", "a/2", "a/3", "a/4");
        await Eventually.TrueAsync(() => host.Sandbox.Counters.Calls("xtream:account") >= 2, CheckHost.Timeout, "the second page reads the account");
        using var tv = new HttpClient();
        using HttpResponseMessage watching = await tv.GetAsync(new Uri(host.Sandbox.XtreamUri, "live/a/pw-a/40.ts"), HttpCompletionOption.ResponseHeadersRead);
        watching.EnsureSuccessStatusCode();
        JsonElement status = await host.WaitAsync(id);

        // The second page ran on the one connection the TV left: no probe was refused and tried again.
        JsonElement summary = status.GetProperty("summary");
        Assert.True(4 == summary.GetProperty("tally").GetProperty("byStatus").GetProperty("Ok").GetInt32(), status.ToString());
        Assert.Equal(1, summary.GetProperty("accounts")[0].GetProperty("limit").GetInt32());
        Assert.Equal(4, Enumerable.Range(1, 4).Sum(stream => host.Sandbox.Counters.Calls($"xtream:stream:live:id={stream}")));
        Assert.InRange(host.Sandbox.Counters.PeakStreams("a"), 2, 2);
    }

    [Fact]
    public async Task AccountUnreadableBetweenTwoPages_TheNextPageKeepsTheLimitTheCheckRead_NotTheFallback()
    {
        await using CheckHost host = await CheckHost.StartAsync(
            azurite.ConnectionString, new Dictionary<string, int> { ["a"] = 3 }, new Dictionary<string, string?> { ["Checks:PageSize"] = "3" });
        string id = await host.StartAsync("a/1", "a/2", "a/3", "a/4", "a/5", "a/6");
        await Eventually.TrueAsync(() => host.Sandbox.Counters.Calls("xtream:account") >= 1, CheckHost.Timeout, "the check read the account");

        // The first page probes for at least its 300 ms sample window, so the second page's read comes after this.
        host.Sandbox.Control.ThrottleNext(1, TimeSpan.FromHours(1), "xtream:account");
        JsonElement status = await host.WaitAsync(id);

        JsonElement summary = status.GetProperty("summary");
        Assert.True(6 == summary.GetProperty("tally").GetProperty("byStatus").GetProperty("Ok").GetInt32(), status.ToString());
        Assert.Equal(2, host.Sandbox.Counters.Calls("xtream:account"));
        Assert.Equal(3, summary.GetProperty("accounts")[0].GetProperty("limit").GetInt32());
        Assert.InRange(host.Sandbox.Counters.PeakStreams("a"), 1, 3);
    }

    [Fact]
    public async Task ProbeRefusedWhileTheAccountIsFull_IsTriedAgain_ThenCountedAgainstTheAccountNotTheStream()
    {
        await using CheckHost host = await CheckHost.StartAsync(
            azurite.ConnectionString, new Dictionary<string, int> { ["a"] = 1 }, new Dictionary<string, string?> { ["Checks:AccountFullRetryDelay"] = "00:00:00.200" });
        using var tv = new HttpClient();
        using (HttpResponseMessage watching = await tv.GetAsync(new Uri(host.Sandbox.XtreamUri, "live/a/pw-a/40.ts"), HttpCompletionOption.ResponseHeadersRead))
        {
            watching.EnsureSuccessStatusCode();

            // The check cannot read the account when it starts, so it does not know about the TV and takes the fallback
            // limit of one: its probe meets the TV's connection and the sandbox refuses it with 403.
            host.Sandbox.Control.ThrottleNext(1, TimeSpan.FromHours(1), "xtream:account");
            string refused = await host.StartAsync("a/1");
            JsonElement status = await host.WaitAsync(refused);

            JsonElement byStatus = status.GetProperty("summary").GetProperty("tally").GetProperty("byStatus");
            Assert.True(byStatus.TryGetProperty("AccountFull", out JsonElement full) && full.GetInt32() == 1, status.ToString());
            Assert.False(byStatus.TryGetProperty("HttpError", out _), status.ToString());
            Assert.Equal(2, host.Sandbox.Counters.Calls("xtream:stream:live:id=1"));
            Assert.Empty(await host.HealthAsync("a"));
        }

        // The TV is off: the same stream is Ok.
        await Eventually.TrueAsync(() => host.Sandbox.Counters.CurrentStreams("a") == 0, CheckHost.Timeout, "the sandbox saw the TV disconnect");
        string again = await host.StartAsync("a/1");
        await host.WaitAsync(again);
        Assert.Equal("Ok", (await host.HealthAsync("a"))["a/1"]);
    }

    [Fact]
    public async Task BatchOutOfTime_HandsTheRestBackToItsLane_WhichProbesEachStreamOnceUnderTheSameSlot()
    {
        await using CheckHost host = await CheckHost.StartAsync(
            azurite.ConnectionString, new Dictionary<string, int> { ["a"] = 1 }, new Dictionary<string, string?> { ["Checks:ProbeBatchDuration"] = "00:00:00.100" });

        string id = await host.StartAsync("a/1", "a/2", "a/3", "a/4", "a/5");
        JsonElement status = await host.WaitAsync(id);

        // A probe reads its 300 ms sample window, longer than a batch's 100 ms: each activity probes one stream and hands
        // the rest back, so the five streams take five activities of the one lane, none refused, lost or probed twice.
        JsonElement tally = status.GetProperty("summary").GetProperty("tally");
        Assert.True(5 == tally.GetProperty("byStatus").GetProperty("Ok").GetInt32(), status.ToString());
        Assert.Single(tally.GetProperty("byStatus").EnumerateObject());
        Assert.Equal(0, tally.GetProperty("noSlot").GetInt32());
        Assert.All(Enumerable.Range(1, 5), stream => Assert.Equal(1, host.Sandbox.Counters.Calls($"xtream:stream:live:id={stream}")));
        Assert.InRange(host.Sandbox.Counters.PeakStreams("a"), 1, 1);
        var history = await host.App.App.Services.GetRequiredService<DurableTaskClient>().GetInstanceHistoryAsync(MediaSync.Functions.Checks.StreamCheckOrchestrator.AccountInstanceId(id, "a"));
        Assert.Equal(5, history.Count(e => e.GetProperty("eventType").GetString() == "TaskScheduled" && e.GetProperty("name").GetString() == "ProbeStream"));
    }

    [Fact]
    public async Task HangingProbe_IsCutByItsTimeout_AndItsSlotGoesToTheNextCheck()
    {
        await using CheckHost host = await CheckHost.StartAsync(
            azurite.ConnectionString, new Dictionary<string, int> { ["a"] = 1 }, new Dictionary<string, string?> { ["Streams:Probe:TotalTimeout"] = "00:00:02" });
        host.Sandbox.Control.HangNext(1, "xtream:stream:live:id=7");

        string id = await host.StartAsync("a/7", "a/8");
        JsonElement status = await host.WaitAsync(id);

        JsonElement byStatus = status.GetProperty("summary").GetProperty("tally").GetProperty("byStatus");
        Assert.Equal(1, byStatus.GetProperty("Timeout").GetInt32());
        Assert.Equal(1, byStatus.GetProperty("Ok").GetInt32());
        var health = await host.HealthAsync("a");
        Assert.Equal("Timeout", health["a/7"]);
        Assert.Equal("Ok", health["a/8"]);
        JsonElement slots = await host.GetAsync("/api/health/streams/a/7");
        Assert.Contains("2 s", slots.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeCutByItsLeasesExpiry_IsNotTheStreamsTimeout_AndTheStreamIsProbedAgain()
    {
        // With a 5 s lease the activity gives a probe only what the lease had left when it read it (it does not see the
        // renewals made meanwhile), so a stream that hangs once is cut by that deadline before the probe's own 10 s
        // first-byte timeout: what a probe meets when the host renewing its lease has died. The cut says nothing about
        // the stream, so it is not recorded; the stream goes back to its lane and is probed again under a new slot.
        await using CheckHost host = await CheckHost.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, int> { ["a"] = 1 },
            new Dictionary<string, string?>
            {
                ["Checks:SlotTtl"] = "00:00:05",
                ["Streams:Probe:FirstByteTimeout"] = "00:00:10",
                ["Streams:Probe:TotalTimeout"] = "00:00:15",
            });
        host.Sandbox.Control.HangNext(1, "xtream:stream:live:id=7");

        string id = await host.StartAsync("a/7", "a/8");
        JsonElement status = await host.WaitAsync(id);

        JsonElement tally = status.GetProperty("summary").GetProperty("tally");
        Assert.True(2 == tally.GetProperty("byStatus").GetProperty("Ok").GetInt32(), $"{status}; a/7: {await host.GetAsync("/api/health/streams/a/7")}");
        Assert.Single(tally.GetProperty("byStatus").EnumerateObject());
        var health = await host.HealthAsync("a");
        Assert.Equal("Ok", health["a/7"]);
        Assert.Equal("Ok", health["a/8"]);
        Assert.Equal(2, host.Sandbox.Counters.Calls("xtream:stream:live:id=7"));
        Assert.Equal(1, host.Sandbox.Counters.Calls("xtream:stream:live:id=8"));
    }

    [Fact]
    public async Task BadRequests_Return400NamingThePart()
    {
        await using CheckHost host = await CheckHost.StartAsync(azurite.ConnectionString, new Dictionary<string, int> { ["a"] = 1 });
        foreach (var (body, part) in new (object, string)[]
        {
            (new { }, "'account', 'channel'"),
            (new { account = "nope" }, "'account'"),
            (new { streams = new[] { new { account = "a", stream = "../1" } } }, "'streams[0].stream'"),
            (new { streams = new[] { new { account = "zz", stream = "1" } } }, "'streams[0].account'"),
        })
        {
            using HttpRequestMessage request = host.App.Request(HttpMethod.Post, "/api/checks", AppHost.FunctionKey);
            request.Content = System.Net.Http.Json.JsonContent.Create(body);
            using HttpResponseMessage response = await host.App.Client.SendAsync(request);

            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(part, (await AppHost.JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using HttpRequestMessage noKey = host.App.Request(HttpMethod.Post, "/api/checks", key: null);
        using HttpResponseMessage unauthorized = await host.App.Client.SendAsync(noKey);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }
}
