using System.Diagnostics;
using MediaSync.Catalog.Storage;
using MediaSync.Durable;
using MediaSync.Functions.Sync.Tmdb;
using MediaSync.Functions.Sync.Tv;
using MediaSync.Functions.Tests.Sync.Tv;
using MediaSync.Sandbox;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Functions.Tests.Sync.Tmdb;

public sealed class TmdbEnrichmentTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // Jellyfin shows carry Tmdb ids 1000 + show number: ten shows are ten titles 1001..1010 (TMDb knows ids up to 5,000 here).
    private static SandboxCatalogOptions TenShows => new() { TvShows = 10, TvSeasonsPerShow = 1, TvEpisodesPerSeason = 1, LiveChannels = 0, Movies = 0, Series = 0, TmdbTitles = 5_000 };

    [Fact]
    public async Task Enrichment_TenTitles_FetchedInParallel_ThenServedFromCacheWithoutCalls()
    {
        await using TvSyncHarness harness = await StartAsync();
        (SyncRun run, _) = await harness.SyncAsync(TvSyncHarness.Jellyfin, SyncMode.Full);
        harness.Sandbox.Control.SetLatency(TimeSpan.FromMilliseconds(400));

        (TmdbEnrichmentResult first, TimeSpan elapsed) = await EnrichAsync(harness, run.RunId);

        Assert.Equal(new TmdbEnrichmentResult(10, 10, 0, 0), first);
        Assert.Equal([TmdbEnrichmentPlanActivity.Name], await ScheduledActivitiesAsync(harness));
        // One call per title (details with watch/providers appended), all ten at once: one at a time would take 4 s.
        Assert.Equal(10, harness.Sandbox.Counters.CallsStartingWith("tmdb:tv:id="));
        Assert.Equal(0, harness.Sandbox.Counters.CallsStartingWith("tmdb:tv/watch/providers"));
        Assert.True(elapsed < TimeSpan.FromSeconds(3.5), $"ten titles took {elapsed.TotalSeconds:0.00} s");
        CatalogRow? stored = await harness.Store.Queries.GetRowAsync(CatalogTable.Providers, "tmdb-tv", "1003");
        Assert.NotNull(stored?.GetDateTimeOffset("FetchedAt"));
        Assert.Contains("themoviedb.org/tv/1003/watch", stored!.GetString("WatchProviders") ?? string.Empty, StringComparison.Ordinal);

        (TmdbEnrichmentResult repeat, _) = await EnrichAsync(harness, run.RunId);

        Assert.Equal(new TmdbEnrichmentResult(10, 0, 10, 0), repeat);
        Assert.Equal(10, harness.Sandbox.Counters.CallsStartingWith("tmdb:"));

        // A host that does not remember the titles (another one, or this one restarted) finds them fresh in the table.
        harness.Host.App.Services.GetRequiredService<TmdbFreshTitles>().Clear();
        (TmdbEnrichmentResult fromTable, _) = await EnrichAsync(harness, run.RunId);

        Assert.Equal(new TmdbEnrichmentResult(10, 0, 10, 0), fromTable);
        Assert.Equal(10, harness.Sandbox.Counters.CallsStartingWith("tmdb:"));
    }

    [Fact]
    public async Task FreshTitles_RememberedWithinTheTtlOnly_AndNotAtAllWhenTurnedOff()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var title = new TmdbTitle(MediaSync.Catalog.Tmdb.TmdbMediaType.Tv, 1001);
        using ServiceProvider on = FreshTitlesServices(time, o => o.CacheTtl = TimeSpan.FromHours(1));
        using ServiceProvider turnedOff = FreshTitlesServices(time, o => o.MemoryCacheTitles = 0);
        TmdbFreshTitles fresh = on.GetRequiredService<TmdbFreshTitles>();
        TmdbFreshTitles off = turnedOff.GetRequiredService<TmdbFreshTitles>();

        fresh.Remember(title, time.GetUtcNow() - TimeSpan.FromMinutes(30));
        fresh.Remember(new TmdbTitle(MediaSync.Catalog.Tmdb.TmdbMediaType.Tv, 1002), time.GetUtcNow() - TimeSpan.FromHours(2));
        off.Remember(title, time.GetUtcNow());

        Assert.True(fresh.IsFresh(title));
        Assert.False(fresh.IsFresh(new TmdbTitle(MediaSync.Catalog.Tmdb.TmdbMediaType.Tv, 1002)));
        Assert.False(fresh.IsFresh(new TmdbTitle(MediaSync.Catalog.Tmdb.TmdbMediaType.Movie, 1001)));
        Assert.False(off.IsFresh(title));
        time.Advance(TimeSpan.FromMinutes(31));
        Assert.False(fresh.IsFresh(title));
    }

    private static ServiceProvider FreshTitlesServices(TimeProvider time, Action<TmdbEnrichmentOptions> configure) => new ServiceCollection()
        .AddSingleton(time)
        .AddSingleton<TmdbFreshTitles>()
        .Configure(configure)
        .BuildServiceProvider();

    [Fact]
    public async Task Enrichment_FailingTitleAnd429Burst_FailedTitleRecordedAndSkipped_RunCompletes()
    {
        await using TvSyncHarness harness = await StartAsync();
        (SyncRun run, _) = await harness.SyncAsync(TvSyncHarness.Jellyfin, SyncMode.Full);
        harness.Sandbox.Control.TruncateNext("tmdb:tv:id=1005", afterBytes: 5, calls: 10);
        harness.Sandbox.Control.ThrottleNext(3, TimeSpan.FromSeconds(1), "tmdb:");

        (TmdbEnrichmentResult result, _) = await EnrichAsync(harness, run.RunId);

        Assert.Equal(new TmdbEnrichmentResult(10, 9, 0, 1), result);
        Assert.True(harness.Sandbox.Counters.CallsStartingWith("tmdb:") >= 13, "the three 429s were retried");
        IReadOnlyDictionary<string, UnitCounts> units = await harness.Store.Checkpoints.GetCompletedUnitsAsync(TvSyncHarness.Jellyfin, run.RunId);
        Assert.Equal(new UnitCounts(0, 0, 1), units["tmdb-failed-tmdb-tv-1005"]);
        Assert.Null(await harness.Store.Queries.GetRowAsync(CatalogTable.Providers, "tmdb-tv", "1005"));

        harness.Sandbox.Control.Reset();
        (TmdbEnrichmentResult retry, _) = await EnrichAsync(harness, run.RunId);

        Assert.Equal(new TmdbEnrichmentResult(10, 1, 9, 0), retry);
    }

    [Fact]
    public async Task Enrichment_SeveralPages_PlanOnlyPlans_PagesFanOut_EveryTitleOnce()
    {
        await using TvSyncHarness harness = await TvSyncHarness.StartAsync(
            azurite.ConnectionString, TenShows, TvSyncStrategy.Auto, new Dictionary<string, string?> { [$"{TmdbEnrichmentOptions.SectionName}:PageSize"] = "4" });
        (SyncRun run, _) = await harness.SyncAsync(TvSyncHarness.Jellyfin, SyncMode.Full);

        (TmdbEnrichmentResult result, _) = await EnrichAsync(harness, run.RunId);

        Assert.Equal(new TmdbEnrichmentResult(10, 10, 0, 0), result);
        Assert.Equal(10, harness.Sandbox.Counters.CallsStartingWith("tmdb:tv:id="));
        Assert.Equal(
            [TmdbEnrichmentPlanActivity.Name, TmdbEnrichPageActivity.Name, TmdbEnrichPageActivity.Name, TmdbEnrichPageActivity.Name],
            await ScheduledActivitiesAsync(harness));
    }

    private static async Task<List<string?>> ScheduledActivitiesAsync(TvSyncHarness harness) =>
        (await harness.Client.GetInstanceHistoryAsync(TmdbEnrichmentOrchestrator.InstanceIdFor(TvSyncHarness.Jellyfin)))
            .Where(e => e.GetProperty("eventType").GetString() == "TaskScheduled")
            .Select(e => e.GetProperty("name").GetString())
            .ToList();

    private Task<TvSyncHarness> StartAsync() => TvSyncHarness.StartAsync(azurite.ConnectionString, TenShows, TvSyncStrategy.Auto);

    private static async Task<(TmdbEnrichmentResult Result, TimeSpan Elapsed)> EnrichAsync(TvSyncHarness harness, string runId)
    {
        var watch = Stopwatch.StartNew();
        string instanceId = await harness.Client.ScheduleNewOrchestrationInstanceAsync(
            TmdbEnrichmentOrchestrator.Name,
            new TmdbEnrichmentInput(TvSyncHarness.Jellyfin, runId),
            new StartOrchestrationOptions(TmdbEnrichmentOrchestrator.InstanceIdFor(TvSyncHarness.Jellyfin)));
        using var timeout = new CancellationTokenSource(TvSyncHarness.Timeout);
        OrchestrationMetadata done = await harness.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        watch.Stop();
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"TmdbEnrichment ended {done.RuntimeStatus}: {done.FailureDetails}");
        return (done.ReadOutputAs<TmdbEnrichmentResult>()!, watch.Elapsed);
    }
}
