using System.Text.Json;
using MediaSync.Functions.Sources;
using MediaSync.Functions.Sync;
using MediaSync.Hosting.Timers;
using MediaSync.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace MediaSync.Functions.Tests.Sync;

public sealed class SyncScheduleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTime Midnight = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void DueSources_OnlyThoseWithAnOccurrenceInTheTicksWindow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Midnight.AddHours(3)));
        ConfiguredSource nightly = Source("nightly", "0 0 3 * * *");
        ConfiguredSource hourly = Source("hourly", "0 30 * * * *");
        ConfiguredSource none = Source("none", null);
        DateTime now = clock.GetUtcNow().UtcDateTime;

        // The 03:00 tick covers (02:59, 03:00]: the nightly schedule fires, the half-hourly one does not.
        var (from, to) = SyncScheduleTimer.Window(Tick(now.AddMinutes(-1), now), now);
        Assert.Equal(["nightly"], SyncScheduleTimer.DueSources([nightly, hourly, none], from, to).Select(s => s.Id));

        // A host that was down from 01:00 to 03:10 catches up once for everything it missed.
        clock.Advance(TimeSpan.FromMinutes(10));
        now = clock.GetUtcNow().UtcDateTime;
        (from, to) = SyncScheduleTimer.Window(Tick(Midnight.AddHours(1), now), now);
        Assert.Equal(["nightly", "hourly"], SyncScheduleTimer.DueSources([nightly, hourly, none], from, to).Select(s => s.Id));

        // The very first tick (no previous occurrence) looks back one period only.
        (from, to) = SyncScheduleTimer.Window(Tick(default, now), now);
        Assert.Equal(now.AddMinutes(-1), from);
        Assert.Empty(SyncScheduleTimer.DueSources([nightly, hourly], from, to));
    }

    [Fact]
    public void Schedule_FiveFieldsOrGarbage_AreRefusedAtStartup()
    {
        var validator = new SourcesOptionsValidator();
        var options = new SourcesOptions();
        options.Sources["acme"] = Source("acme", "0 3 * * *").Options;

        var result = validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Sources:acme:Schedule must be a six-field NCrontab expression", result.FailureMessage, StringComparison.Ordinal);
        Assert.Null(SourceSchedule.TryParse("61 * * * * *"));
        Assert.NotNull(SourceSchedule.TryParse("0 */30 * * * *"));
    }

    [Fact]
    public async Task Tick_StartsTheDueSourceInItsScheduleMode_AndSkipsWhileItRuns()
    {
        var options = SyncTestHost.SmallCatalog();
        options.MinLatency = options.MaxLatency = TimeSpan.FromMilliseconds(100);
        await using SyncTestHost host = await SyncTestHost.StartAsync(azurite, options, new Dictionary<string, string?>
        {
            [$"Sources:{SyncTestHost.SourceId}:Schedule"] = "0 0 3 * * *",
            [$"Sources:{SyncTestHost.SourceId}:ScheduleMode"] = "Full",
        });
        TimerInfo tick = Tick(Midnight.AddHours(3).AddMinutes(-1), Midnight.AddHours(3));

        await SyncScheduleTimer.RunAsync(tick, host.App.App.Services, CancellationToken.None);
        await SyncScheduleTimer.RunAsync(tick, host.App.App.Services, CancellationToken.None); // still running: skipped
        JsonElement status = await host.WaitUntilDoneAsync();

        Assert.Equal("Full", status.GetProperty("output").GetProperty("mode").GetString());
        Assert.Single(status.GetProperty("lastRuns").EnumerateArray());
        Assert.Equal("Full", status.GetProperty("lastRuns")[0].GetProperty("mode").GetString());
    }

    private static TimerInfo Tick(DateTime last, DateTime next) => new() { ScheduleStatus = new ScheduleStatus { Last = last, Next = next, LastUpdated = next } };

    private static ConfiguredSource Source(string id, string? schedule) => new(id, new SourceOptions
    {
        Kind = SourceKind.Xtream,
        BaseUrl = new Uri("http://127.0.0.1:9/"),
        Username = "u",
        Password = "p",
        Schedule = schedule,
    });
}
