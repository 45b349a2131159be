using MediaSync.TestSupport;

namespace MediaSync.Catalog.Storage.Tests;

public sealed class CatalogSweeperTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SweepAsync_AfterACompleteFullRun_DeletesOnlyRowsThatRunDidNotSee()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);
        var store = harness.Store;
        var first = await CompletedRunAsync(store, "src", rows: 60, episodes: 30, categories: 5);
        var second = await CompletedRunAsync(store, "src", rows: 40, episodes: 20, categories: 3);
        await CompletedRunAsync(store, "src.other", rows: 10, episodes: 4, categories: 2);

        var result = await store.Sweeper.SweepAsync("src", second.RunId);

        Assert.Equal((2, 20, 10), (result.Categories, result.Items, result.Episodes));
        var items = await harness.ReadAllAsync(CatalogTable.Items);
        Assert.Equal(50, items.Count);
        Assert.Equal(40, items.Count(e => e.PartitionKey.StartsWith("src-", StringComparison.Ordinal)));
        Assert.Equal(
            Enumerable.Range(1, 40).Select(i => i.ToString("D6", CultureInfo.InvariantCulture)),
            items.Where(e => e.PartitionKey.StartsWith("src-", StringComparison.Ordinal)).Select(e => e.RowKey).Order());
        Assert.Equal(24, (await harness.ReadAllAsync(CatalogTable.Episodes)).Count);
        Assert.Equal(5, (await harness.ReadAllAsync(CatalogTable.Categories)).Count);
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Empty(await harness.ReadAllAsync(CatalogTable.SyncSeen));
    }

    [Fact]
    public async Task SweepAsync_RowChangedInTheRun_IsKeptAndUnchangedOnesOnlyInTheLedgerToo()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);
        var store = harness.Store;
        await CompletedRunAsync(store, "src", rows: 10, episodes: 0, categories: 0);
        var run = await store.Checkpoints.StartRunAsync("src", SyncMode.Full);
        var rows = TestRows.Items("src", "vod", 8).ToList();
        rows[3].Set("Title", "changed");
        var written = await store.WriteAsync(CatalogTable.Items, run.RunId, TestRows.Stream(rows));
        await store.Checkpoints.FinishRunAsync("src", run.RunId, SyncRunStatus.Completed);

        var result = await store.Sweeper.SweepAsync("src", run.RunId);

        Assert.Equal((1, 7), (written.Written, written.RecordedAsSeen));
        Assert.Equal(2, result.Items);
        Assert.Equal(8, (await harness.ReadAllAsync(CatalogTable.Items)).Count);
    }

    [Theory]
    [InlineData(SyncRunStatus.Canceled, SyncMode.Full)]
    [InlineData(SyncRunStatus.Failed, SyncMode.Full)]
    [InlineData(SyncRunStatus.Running, SyncMode.Full)]
    [InlineData(SyncRunStatus.Completed, SyncMode.Incremental)]
    public async Task SweepAsync_AfterAnIncompleteOrIncrementalRun_RefusesAndDeletesNothing(SyncRunStatus status, SyncMode mode)
    {
        using var harness = new StoreHarness(azurite.ConnectionString);
        var store = harness.Store;
        await CompletedRunAsync(store, "src", rows: 30, episodes: 0, categories: 0);
        var partial = await store.Checkpoints.StartRunAsync("src", mode);
        await store.WriteAsync(CatalogTable.Items, partial.RunId, TestRows.Stream(TestRows.Items("src", "vod", 10)));
        if (status != SyncRunStatus.Running)
        {
            await store.Checkpoints.FinishRunAsync("src", partial.RunId, status);
        }

        var ex = await Assert.ThrowsAsync<SweepNotAllowedException>(() => store.Sweeper.SweepAsync("src", partial.RunId));

        Assert.Contains(partial.RunId, ex.Message, StringComparison.Ordinal);
        Assert.Equal(30, (await harness.ReadAllAsync(CatalogTable.Items)).Count);
    }

    [Fact]
    public async Task SweepAsync_UnknownRun_Refuses()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);

        var ex = await Assert.ThrowsAsync<SweepNotAllowedException>(() => harness.Store.Sweeper.SweepAsync("src", "nope"));

        Assert.Contains("not recorded", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<SyncRun> CompletedRunAsync(CatalogStore store, string sourceId, int rows, int episodes, int categories)
    {
        var run = await store.Checkpoints.StartRunAsync(sourceId, SyncMode.Full);
        await store.WriteAsync(CatalogTable.Items, run.RunId, TestRows.Stream(TestRows.Items(sourceId, "vod", rows)));
        await store.WriteAsync(CatalogTable.Episodes, run.RunId, TestRows.Stream(Enumerable.Range(1, episodes).Select(e =>
            new CatalogRow(CatalogKeys.EpisodesPartition(sourceId, $"show{e % 2}"), CatalogKeys.EpisodeRow(1, e, $"ep{e}")).Set("Title", $"E{e}"))));
        await store.WriteAsync(CatalogTable.Categories, run.RunId, TestRows.Stream(Enumerable.Range(1, categories).Select(c =>
            new CatalogRow(CatalogKeys.CategoriesPartition(sourceId), CatalogKeys.CategoryRow("vod", $"{c}")).Set("Name", $"C{c}"))));
        return await store.Checkpoints.FinishRunAsync(sourceId, run.RunId, SyncRunStatus.Completed);
    }
}
