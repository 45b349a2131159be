using System.Net;
using System.Text.Json;
using MediaSync.Catalog.Storage;
using MediaSync.Sandbox;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests.Sync;

public sealed class XtreamSyncTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task FullSync_StoresEveryCategoryItemAndEpisodeOnce_WithinTheAccountsConnectionLimit()
    {
        await using SyncTestHost host = await SyncTestHost.StartAsync(azurite, SyncTestHost.SmallCatalog(maxConnections: 2));

        JsonElement status = await host.SyncAsync();

        JsonElement output = status.GetProperty("output");
        Assert.Equal("Completed", output.GetProperty("status").GetString());
        Assert.Equal(0, output.GetProperty("failedUnits").GetInt32());
        Assert.Equal(10, output.GetProperty("units").GetInt32()); // 3 live + 4 vod + 3 series categories
        (await host.ReadStoreAsync()).AssertSameAs(host.Expected());
        int peak = host.Sandbox.Counters.PeakConnections(host.Sandbox.Account.Username);
        Assert.InRange(peak, 1, 2);
        // Every series' info was fetched exactly once.
        Assert.Equal(host.Sandbox.Catalog.SeriesCount, host.Sandbox.Counters.CallsStartingWith("xtream:get_series_info"));
        JsonElement progress = status.GetProperty("progress");
        Assert.Equal("done", progress.GetProperty("phase").GetString());
        Assert.Equal(10, progress.GetProperty("done").GetInt32());
        Assert.Equal(output.GetProperty("written").GetInt64() + output.GetProperty("skipped").GetInt64(), progress.GetProperty("items").GetInt64());
        Assert.Equal("Completed", status.GetProperty("lastRuns")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task LastSeriesUnit_TakesUpTheConnectionsOfThoseDone_NeverAboveTheLimit()
    {
        // Series only (one empty live and vod category each): three categories of 40, 4 connections. Two units start with
        // 2 connections each, the third with the 2 of the first one done; once the second is done too the last runs
        // alone, and without the loan of its connections it would go on with 2 of the 4.
        var options = new MediaSync.Sandbox.SandboxOptions
        {
            Catalog =
            {
                LiveChannels = 0, Movies = 0, Series = 120, LiveCategories = 1, VodCategories = 1, SeriesCategories = 3,
                SeasonsPerSeries = 1, EpisodesPerSeason = 2, TvShows = 0, Accounts = [new MediaSync.Sandbox.SandboxAccount { MaxConnections = 4 }],
            },
        };
        await using SyncTestHost host = await SyncTestHost.StartAsync(azurite, options);
        host.Sandbox.Control.Scope = "xtream:get_series_info";
        host.Sandbox.Control.SetLatency(TimeSpan.FromMilliseconds(200));
        using HttpResponseMessage started = await host.PostAsync($"/api/sync/{SyncTestHost.SourceId}");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        // 5 units: the empty live and vod categories, then the three series categories.
        await Eventually.TrueAsync(
            async () => (await host.StatusAsync()).TryGetProperty("progress", out JsonElement p) && p.GetProperty("total").GetInt32() == 5 && p.GetProperty("done").GetInt32() == 4,
            SyncTestHost.Timeout,
            "every unit but the last series unit is done");
        string user = host.Sandbox.Account.Username;
        int left = host.Sandbox.Catalog.SeriesCount - (int)host.Sandbox.Counters.CallsStartingWith("xtream:get_series_info");
        host.Sandbox.Counters.Reset();
        var alone = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.TrueAsync(
            () => Task.FromResult(host.Sandbox.Counters.CallsStartingWith("xtream:get_series_info") >= left && host.Sandbox.Counters.CallsInFlight(user) == 0),
            SyncTestHost.Timeout,
            "the last unit made its calls");
        double busy = host.Sandbox.Counters.ApiCallTime(user).TotalSeconds / alone.Elapsed.TotalSeconds;
        JsonElement status = await host.WaitUntilDoneAsync();

        Assert.Equal("Completed", status.GetProperty("output").GetProperty("status").GetString());
        Assert.True(left >= 20, $"the last unit had only {left} series left when the others were done: too few to see the loan");

        // With the 2 connections it started with, at most 2 calls are in flight at any time; the loan doubles that.
        Assert.True(busy > 2.3, $"the last unit kept {busy:0.00} calls in flight on average over its last {left} series: the lent connections were not taken up");
        Assert.InRange(host.Sandbox.Counters.PeakConnections(user), 1, 4);
        (await host.ReadStoreAsync()).AssertSameAs(host.Expected());
    }

    [Fact]
    public async Task SecondFullSync_UnchangedSeriesAreNotFetchedAgain_AndTheSweepKeepsTheirEpisodes()
    {
        await using SyncTestHost host = await SyncTestHost.StartAsync(azurite, SyncTestHost.SmallCatalog());
        await host.SyncAsync();
        long seriesInfoCalls = host.Sandbox.Counters.CallsStartingWith("xtream:get_series_info");

        JsonElement second = await host.SyncAsync();

        Assert.Equal(seriesInfoCalls, host.Sandbox.Counters.CallsStartingWith("xtream:get_series_info"));
        Assert.Equal(0, second.GetProperty("output").GetProperty("written").GetInt64());
        Assert.Equal(0, second.GetProperty("output").GetProperty("swept").GetInt32());
        (await host.ReadStoreAsync()).AssertSameAs(host.Expected());
    }

    [Fact]
    public async Task IncrementalSync_ListsTheWholePanel_SoItSweepsRemovedItemsAndTheOldRowsOfMovedOnes()
    {
        await using SyncTestHost host = await SyncTestHost.StartAsync(azurite, SyncTestHost.SmallCatalog());
        await host.SyncAsync();
        var categoryBefore = host.Sandbox.Catalog.Movies.ToDictionary(m => m.StreamId.ToString(System.Globalization.CultureInfo.InvariantCulture), m => m.CategoryId);

        // What a scheduled run (incremental by default) meets: an Xtream panel has no change feed, so it lists everything.
        host.Sandbox.Control.ApplyChanges(new SandboxChangeSet { MoviesMoved = 8, LiveMoved = 3, MoviesDeleted = 2 });
        JsonElement second = await host.SyncAsync("?mode=incremental");

        JsonElement output = second.GetProperty("output");
        Assert.Equal("Completed", output.GetProperty("status").GetString());
        Assert.True(output.TryGetProperty("swept", out JsonElement swept) && swept.GetInt32() >= 2, output.ToString());
        (await host.ReadStoreAsync()).AssertSameAs(host.Expected());
        var moved = host.Sandbox.Catalog.Movies.Where(m => categoryBefore[m.StreamId.ToString(System.Globalization.CultureInfo.InvariantCulture)] != m.CategoryId).ToList();
        Assert.Equal(8, moved.Count);
        List<CatalogRow> stored = await SyncTestHost.AllAsync(token => host.Store.Queries.GetItemsAsync(SyncTestHost.SourceId, "vod", token, 1000));
        Assert.All(moved, m => Assert.Equal(
            m.CategoryId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            stored.Single(r => r.RowKey == m.StreamId.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetString("CategoryId")));
    }

    [Fact]
    public async Task Start_WhileRunning_409_UnknownSource_404_NoKey_401()
    {
        SandboxOptionsWithLatency(out var options);
        await using SyncTestHost host = await SyncTestHost.StartAsync(azurite, options);
        using HttpResponseMessage first = await host.PostAsync($"/api/sync/{SyncTestHost.SourceId}");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        JsonElement payload = await AppHost.JsonAsync(first);
        Assert.Equal("sync-panel", payload.GetProperty("id").GetString());

        using HttpResponseMessage second = await host.PostAsync($"/api/sync/{SyncTestHost.SourceId}?mode=incremental");
        using HttpResponseMessage unknown = await host.PostAsync("/api/sync/nosuchsource");
        using HttpResponseMessage noKey = await host.PostAsync($"/api/sync/{SyncTestHost.SourceId}", key: null);
        using HttpResponseMessage badMode = await host.PostAsync("/api/sync/nosuchsource?mode=sideways");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(first.Headers.Location!.ToString(), (await AppHost.JsonAsync(second)).GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badMode.StatusCode);
        using HttpResponseMessage cancel = await host.PostAsync($"/api/sync/{SyncTestHost.SourceId}/cancel");
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await host.WaitUntilDoneAsync();
    }

    private static void SandboxOptionsWithLatency(out MediaSync.Sandbox.SandboxOptions options)
    {
        options = SyncTestHost.SmallCatalog();
        options.MinLatency = options.MaxLatency = TimeSpan.FromMilliseconds(200);
    }
}
