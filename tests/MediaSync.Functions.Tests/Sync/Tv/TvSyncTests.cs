using MediaSync.Catalog.Storage;
using MediaSync.Functions.Progress;
using MediaSync.Functions.Sync.Tv;
using MediaSync.Sandbox;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests.Sync.Tv;

public sealed class TvSyncTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static SandboxCatalogOptions Small => new() { TvShows = 12, TvSeasonsPerShow = 3, TvEpisodesPerSeason = 4, LiveChannels = 0, Movies = 0, Series = 0 };

    [Fact]
    public async Task FullSync_JellyfinBulk_FullSizeLibrary_StoresEveryEpisodeOnceWithOneCallPerPage()
    {
        var catalog = new SandboxCatalogOptions { TvShows = 100, TvSeasonsPerShow = 5, TvEpisodesPerSeason = 10, LiveChannels = 0, Movies = 0, Series = 0 };
        await using TvSyncHarness harness = await TvSyncHarness.StartAsync(azurite.ConnectionString, catalog, TvSyncStrategy.Auto);

        (_, TvSyncResult result) = await harness.SyncAsync(TvSyncHarness.Jellyfin, SyncMode.Full);

        Assert.False(result.Canceled);
        Assert.Empty(result.FailedUnits);
        Assert.Equal(5_000 + 100, result.Written);
        SortedSet<string> stored = await harness.StoredEpisodesAsync(TvSyncHarness.Jellyfin);
        Assert.Equal(5_000, stored.Count);
        Assert.Equal(harness.ExpectedEpisodes(TvSyncHarness.Jellyfin), stored);
        Assert.Equal(harness.ExpectedShows(TvSyncHarness.Jellyfin), await harness.StoredShowsAsync(TvSyncHarness.Jellyfin));
        // One call for the show listing (100 < page size), ten for 5,000 episodes at 500 a page; no per-show calls.
        Assert.Equal(11, harness.Sandbox.Counters.Calls("jellyfin:items"));
        Assert.Equal(0, harness.Sandbox.Counters.CallsStartingWith("jellyfin:seasons"));
        Assert.Equal(0, harness.Sandbox.Counters.CallsStartingWith("jellyfin:episodes"));
    }

    [Theory]
    [InlineData(TvSyncHarness.Jellyfin, "Bulk")]
    [InlineData(TvSyncHarness.Jellyfin, "PerShow")]
    [InlineData(TvSyncHarness.Plex, "Bulk")]
    [InlineData(TvSyncHarness.Plex, "PerShow")]
    public async Task FullSync_EachServerAndStrategy_StoreEqualsSandbox_NoEndpointCalledTwice(string sourceId, string strategy)
    {
        await using TvSyncHarness harness = await TvSyncHarness.StartAsync(
            azurite.ConnectionString, Small, Enum.Parse<TvSyncStrategy>(strategy), new Dictionary<string, string?> { ["Sync:Tv:PageSize"] = "10" });

        (_, TvSyncResult result) = await harness.SyncAsync(sourceId, SyncMode.Full);

        Assert.Empty(result.FailedUnits);
        Assert.Equal(harness.ExpectedEpisodes(sourceId), await harness.StoredEpisodesAsync(sourceId));
        Assert.Equal(harness.ExpectedShows(sourceId), await harness.StoredShowsAsync(sourceId));
        bool jellyfin = sourceId == TvSyncHarness.Jellyfin;
        string listing = jellyfin ? "jellyfin:items" : "plex:all:type=4";
        foreach ((string key, long calls) in harness.Sandbox.Counters.SnapshotCalls())
        {
            // Every call has its own key except the paged listings and Jellyfin's /Episodes (one key per show, one call per season).
            long allowed = key == listing ? calls : key.StartsWith("jellyfin:episodes:", StringComparison.Ordinal) ? 3 : 1;
            Assert.True(calls == allowed, $"{key} was called {calls} times");
        }

        if (strategy == "PerShow")
        {
            foreach (SandboxTvShow show in harness.Sandbox.Catalog.TvShows)
            {
                Assert.Equal(1, harness.Sandbox.Counters.Calls(jellyfin ? $"jellyfin:seasons:show={show.Number}" : $"plex:children:{show.PlexRatingKey}"));
            }

            // Jellyfin lists its shows through /Items too (one page); Plex never asks for the episode listing.
            Assert.Equal(jellyfin ? 1 : 0, harness.Sandbox.Counters.Calls(listing));
        }
        else
        {
            // 12 x 3 x 4 = 144 episodes in pages of 10: 15 page calls (+ Jellyfin's one page of shows).
            Assert.Equal(15 + (jellyfin ? 1 : 0), harness.Sandbox.Counters.Calls(listing));
            Assert.Equal(0, harness.Sandbox.Counters.CallsStartingWith(jellyfin ? "jellyfin:seasons" : "plex:children"));
        }
    }

    [Theory]
    [InlineData(TvSyncHarness.Jellyfin)]
    [InlineData(TvSyncHarness.Plex)]
    public async Task IncrementalSync_AfterChangeSet_WritesOnlyTheChanges_AndStoreEqualsSandbox(string sourceId)
    {
        await using TvSyncHarness harness = await TvSyncHarness.StartAsync(azurite.ConnectionString, Small, TvSyncStrategy.Auto);
        await harness.SyncAsync(sourceId, SyncMode.Full);
        DateTimeOffset stamp = harness.Sandbox.Control.ApplyChanges(new SandboxChangeSet
        {
            TvShowsAdded = 1, TvShowsModified = 2, TvEpisodesAdded = 3, TvEpisodesModified = 4,
        });
        harness.Sandbox.Counters.Reset();

        (_, TvSyncResult result) = await harness.SyncAsync(sourceId, SyncMode.Incremental);

        SandboxCatalog sandbox = harness.Sandbox.Catalog;
        int changedEpisodes = sandbox.TvEpisodes.Count(e => e.UpdatedAt >= stamp);
        int changedShows = sandbox.TvShows.Count(s => s.UpdatedAt >= stamp);
        Assert.Equal(12 + 3 + 4, changedEpisodes); // the new show's 12, the 3 added, the 4 renamed
        Assert.Equal(changedEpisodes + changedShows, result.Written);
        Assert.Equal(0, result.Skipped);
        Assert.Equal(harness.ExpectedEpisodes(sourceId), await harness.StoredEpisodesAsync(sourceId));
        Assert.Equal(harness.ExpectedShows(sourceId), await harness.StoredShowsAsync(sourceId));
        Assert.Equal(0, harness.Sandbox.Counters.CallsStartingWith(sourceId == TvSyncHarness.Jellyfin ? "jellyfin:seasons" : "plex:children"));
    }

    [Fact]
    public async Task Cancel_MidSync_ThenResume_StoreEqualsCleanSync_AndNoShowFetchedTwice()
    {
        var catalog = new SandboxCatalogOptions { TvShows = 30, TvSeasonsPerShow = 2, TvEpisodesPerSeason = 3, LiveChannels = 0, Movies = 0, Series = 0 };
        await using TvSyncHarness harness = await TvSyncHarness.StartAsync(
            azurite.ConnectionString, catalog, TvSyncStrategy.PerShow, new Dictionary<string, string?> { ["Sync:Tv:ShowConcurrency"] = "2" });
        harness.Sandbox.Control.SetLatency(TimeSpan.FromMilliseconds(60));
        SyncRun run = await harness.StartRunAsync(TvSyncHarness.Jellyfin, SyncMode.Full);
        string instanceId = await harness.StartTvSyncAsync(new TvSyncInput(TvSyncHarness.Jellyfin, SyncMode.Full, run.RunId, null));

        await Eventually.TrueAsync(
            async () => (await harness.Client.GetInstanceAsync(instanceId))?.ReadCustomStatusAs<ProgressStatus>() is { Done: >= 5, Total: > 0 },
            TvSyncHarness.Timeout,
            "some shows are done");
        await harness.Client.RaiseEventAsync(instanceId, TvSyncOrchestrator.CancelEvent);
        TvSyncResult canceled = await harness.WaitForResultAsync(instanceId);
        await harness.Store.Checkpoints.FinishRunAsync(TvSyncHarness.Jellyfin, run.RunId, SyncRunStatus.Canceled);

        Assert.True(canceled.Canceled);
        Assert.True(canceled.Units < 31, $"{canceled.Units} units ran although the run was canceled");
        Assert.NotEqual(harness.ExpectedEpisodes(TvSyncHarness.Jellyfin), await harness.StoredEpisodesAsync(TvSyncHarness.Jellyfin));

        SyncRun resumed = await harness.Store.Checkpoints.ResumeRunAsync(TvSyncHarness.Jellyfin, run.RunId);
        TvSyncResult rest = await harness.WaitForResultAsync(
            await harness.StartTvSyncAsync(new TvSyncInput(TvSyncHarness.Jellyfin, SyncMode.Full, resumed.RunId, run.RunId)));

        Assert.False(rest.Canceled);
        Assert.Empty(rest.FailedUnits);
        Assert.Equal(harness.ExpectedEpisodes(TvSyncHarness.Jellyfin), await harness.StoredEpisodesAsync(TvSyncHarness.Jellyfin));
        Assert.Equal(harness.ExpectedShows(TvSyncHarness.Jellyfin), await harness.StoredShowsAsync(TvSyncHarness.Jellyfin));
        foreach (SandboxTvShow show in harness.Sandbox.Catalog.TvShows)
        {
            Assert.Equal(1, harness.Sandbox.Counters.Calls($"jellyfin:seasons:show={show.Number}"));
        }

        Assert.Equal(30 + 1, (await harness.Store.Checkpoints.GetCompletedUnitsAsync(TvSyncHarness.Jellyfin, run.RunId)).Count);
    }
}
