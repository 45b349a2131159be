using System.Text.Json;
using Azure.Storage.Blobs;
using MediaSync.TestSupport;

namespace MediaSync.Hosting.Tests.Timers;

public sealed class TimerSchedulerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string EverySecond = "* * * * * *";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TwoHosts_OneSecondSchedule_FireEachOccurrenceExactlyOnce()
    {
        var firing = new TimerFiring();
        Dictionary<string, string> values = Values();
        await using TestFunctionsHost first = await StartAsync(values, f => f.AddTimer("Tick", EverySecond, firing.Handler("first")));
        await using TestFunctionsHost second = await StartAsync(values, f => f.AddTimer("Tick", EverySecond, firing.Handler("second")));

        await Eventually.TrueAsync(() => firing.Occurrences.Count >= 6, Timeout, "six occurrences fired");
        await Task.WhenAll(first.StopAsync(), second.StopAsync());

        Assert.All(firing.Occurrences, o => Assert.Equal(1, o.Value));
        DateTime[] occurrences = firing.Occurrences.Keys.Order().ToArray();
        for (int i = 1; i < occurrences.Length; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(1), occurrences[i] - occurrences[i - 1]);
        }

        Assert.All(firing.Calls, c => Assert.False(c.Info.IsPastDue));
        Assert.Single(firing.Calls.Select(c => c.Host).Distinct());
    }

    [Fact]
    public async Task TwoHosts_LeaderStops_OtherTakesOverWithoutDoubleOrLostOccurrence()
    {
        var firing = new TimerFiring();
        Dictionary<string, string> values = Values();
        var hosts = new Dictionary<string, TestFunctionsHost>
        {
            ["a"] = await StartAsync(values, f => f.AddTimer("Tick", EverySecond, firing.Handler("a"))),
            ["b"] = await StartAsync(values, f => f.AddTimer("Tick", EverySecond, firing.Handler("b"))),
        };
        try
        {
            await Eventually.TrueAsync(() => firing.Count >= 2, Timeout, "the leader fired twice");
            string leader = firing.Calls[0].Host;
            string follower = leader == "a" ? "b" : "a";
            await hosts[leader].StopAsync();
            DateTime lastByLeader = firing.Calls.Where(c => c.Host == leader).Max(c => c.Info.ScheduleStatus!.Next);

            await Eventually.TrueAsync(() => firing.Calls.Count(c => c.Host == follower) >= 2, Timeout, "the follower took over");
            await hosts[follower].StopAsync();

            Assert.All(firing.Occurrences, o => Assert.Equal(1, o.Value));
            var takeover = firing.Calls.First(c => c.Host == follower).Info;
            Assert.Equal(lastByLeader, takeover.ScheduleStatus!.Last);
        }
        finally
        {
            foreach (TestFunctionsHost host in hosts.Values)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Restart_MidSchedule_FiresMissedOccurrenceOncePastDueWithoutDoubleFiring()
    {
        var firing = new TimerFiring();
        Dictionary<string, string> values = Values();
        TestFunctionsHost before = await StartAsync(values, f => f.AddTimer("Tick", EverySecond, firing.Handler("before")));
        await Eventually.TrueAsync(() => firing.Count >= 2, Timeout, "two occurrences fired before the restart");
        await before.DisposeAsync();
        DateTime lastBefore = firing.Occurrences.Keys.Max();

        // Let at least two occurrences pass with no host running.
        await Eventually.TrueAsync(() => TimeProvider.System.GetUtcNow().UtcDateTime > lastBefore.AddSeconds(3), Timeout, "occurrences were missed");
        await using TestFunctionsHost after = await StartAsync(values, f => f.AddTimer("Tick", EverySecond, firing.Handler("after")));
        await Eventually.TrueAsync(() => firing.Calls.Count(c => c.Host == "after") >= 3, Timeout, "three firings after the restart");
        await after.StopAsync();

        Assert.All(firing.Occurrences, o => Assert.Equal(1, o.Value));
        var afterRestart = firing.Calls.Where(c => c.Host == "after").Select(c => c.Info).ToArray();
        Assert.True(afterRestart[0].IsPastDue);
        Assert.Equal(lastBefore, afterRestart[0].ScheduleStatus!.Last);
        Assert.Equal(lastBefore.AddSeconds(1), afterRestart[0].ScheduleStatus!.Next);
        Assert.All(afterRestart.Skip(1), i => Assert.False(i.IsPastDue));
        Assert.Single(firing.Calls, c => c.Info.IsPastDue);
    }

    [Fact]
    public async Task RunOnStartup_FiresOnceAtStartWithoutMovingTheSchedule()
    {
        var firing = new TimerFiring();
        var disabled = new TimerFiring();
        Dictionary<string, string> values = Values();
        values["AzureWebJobs.Off.Disabled"] = "true";
        const string yearly = "0 0 0 1 1 *";
        TestFunctionsHost host = await StartAsync(values, f => f
            .AddTimer("Yearly", yearly, firing.Handler("host"), runOnStartup: true)
            .AddTimer("Off", EverySecond, disabled.Handler("host"), runOnStartup: true));

        await Eventually.TrueAsync(() => firing.Count >= 1, Timeout, "the startup run fired");
        await host.DisposeAsync();

        var call = Assert.Single(firing.Calls);
        Assert.False(call.Info.IsPastDue);
        Assert.Equal(1, call.Info.ScheduleStatus!.Next.Month);
        Assert.Equal(1, call.Info.ScheduleStatus.Next.Day);
        Assert.Equal(0, disabled.Count);
    }

    [Fact]
    public async Task SettingIndirection_ResolvesScheduleAndPersistsStatusBlob()
    {
        var firing = new TimerFiring();
        Dictionary<string, string> values = Values();
        values["TickSchedule"] = EverySecond;
        await using TestFunctionsHost host = await StartAsync(values, f => f.AddTimer("Tick", "%TickSchedule%", firing.Handler("host")));

        await Eventually.TrueAsync(() => firing.Count >= 2, Timeout, "two occurrences fired");
        await host.StopAsync();

        BlobClient blob = StatusBlob(values, "Tick");
        using JsonDocument status = JsonDocument.Parse((await blob.DownloadContentAsync()).Value.Content.ToString());
        DateTime last = status.RootElement.GetProperty("Last").GetDateTime();
        DateTime next = status.RootElement.GetProperty("Next").GetDateTime();
        Assert.True(status.RootElement.TryGetProperty("LastUpdated", out _));
        Assert.Equal(firing.Occurrences.Keys.Max(), last);
        Assert.True(next > last);
    }

    [Fact]
    public async Task ScheduleChanged_RecordedNextTooLate_ReplansToNewSchedule()
    {
        var firing = new TimerFiring();
        Dictionary<string, string> values = Values();
        BlobClient status = StatusBlob(values, "Tick");
        TestFunctionsHost yearly = await StartAsync(values, f => f.AddTimer("Tick", "0 0 0 1 1 *", firing.Handler("yearly")));
        await Eventually.TrueAsync(async () => (await status.ExistsAsync()).Value, Timeout, "the yearly schedule was recorded");
        await yearly.DisposeAsync();

        await using TestFunctionsHost everySecond = await StartAsync(values, f => f.AddTimer("Tick", EverySecond, firing.Handler("every-second")));
        await Eventually.TrueAsync(() => firing.Count >= 2, Timeout, "the new schedule fired twice");
        await everySecond.StopAsync();

        Assert.All(firing.Calls, c => Assert.Equal("every-second", c.Host));
        Assert.All(firing.Calls, c => Assert.False(c.Info.IsPastDue));
    }

    private BlobClient StatusBlob(Dictionary<string, string> values, string function) =>
        new BlobServiceClient(azurite.ConnectionString)
            .GetBlobContainerClient("azure-webjobs-hosts")
            .GetBlobClient($"timers/{values["AzureFunctionsWebHost__hostid"]}/{function}/status");

    private Dictionary<string, string> Values()
    {
        Dictionary<string, string> values = TestFunctionsHost.BaseValues(azurite.ConnectionString);
        values["AzureFunctionsWebHost__hostid"] = "h" + Guid.NewGuid().ToString("N")[..20];
        return values;
    }

    private static Task<TestFunctionsHost> StartAsync(Dictionary<string, string> values, Action<FunctionsBuilder> functions) =>
        TestFunctionsHost.StartAsync(functions, values);
}
