using MediaSync.TestSupport;

namespace MediaSync.Catalog.Storage.Tests;

public sealed class SyncCheckpointStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task FindUnfinishedRunAsync_AfterACrashedRun_ReturnsItsCompletedUnits()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);
        var sut = harness.Store.Checkpoints;
        var run = await sut.StartRunAsync("xt1", SyncMode.Full);
        await sut.RecordUnitCompletedAsync("xt1", run.RunId, "vod/12", new UnitCounts(10, 2, 0));
        await sut.RecordUnitCompletedAsync("xt1", run.RunId, "series/a#b?c", new UnitCounts(5, 0, 1));

        var resume = await sut.FindUnfinishedRunAsync("xt1");

        Assert.NotNull(resume);
        Assert.Equal((run.RunId, SyncRunStatus.Running), (resume.Run.RunId, resume.Run.Status));
        Assert.Equal(new UnitCounts(10, 2, 0), resume.CompletedUnits["vod/12"]);
        Assert.Equal(new UnitCounts(5, 0, 1), resume.CompletedUnits["series/a#b?c"]);
        Assert.Equal(2, resume.CompletedUnits.Count);
    }

    [Fact]
    public async Task ResumeRunAsync_CanceledRun_RunsAgainWithTheSameIdAndKeepsItsUnits()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);
        var sut = harness.Store.Checkpoints;
        var run = await sut.StartRunAsync("xt1", SyncMode.Full);
        await sut.RecordUnitCompletedAsync("xt1", run.RunId, "live/1", new UnitCounts(3, 0, 0));
        await sut.FinishRunAsync("xt1", run.RunId, SyncRunStatus.Canceled);

        var resumed = await sut.ResumeRunAsync("xt1", (await sut.FindUnfinishedRunAsync("xt1"))!.Run.RunId);
        await sut.RecordUnitCompletedAsync("xt1", run.RunId, "live/2", new UnitCounts(4, 1, 0));
        var finished = await sut.FinishRunAsync("xt1", run.RunId, SyncRunStatus.Completed);

        Assert.Equal((run.RunId, 2, SyncRunStatus.Running), (resumed.RunId, resumed.Attempts, resumed.Status));
        Assert.Equal(new UnitCounts(7, 1, 0), finished.Totals);
        Assert.Null(await sut.FindUnfinishedRunAsync("xt1"));
    }

    [Fact]
    public async Task ResumeRunAsync_CompletedRun_Throws()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);
        var sut = harness.Store.Checkpoints;
        var run = await sut.StartRunAsync("xt1", SyncMode.Incremental);
        await sut.FinishRunAsync("xt1", run.RunId, SyncRunStatus.Completed);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.ResumeRunAsync("xt1", run.RunId));
    }

    [Fact]
    public async Task FindUnfinishedRunAsync_LatestRunCompleted_ReturnsNullEvenIfAnOlderOneFailed()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);
        var sut = harness.Store.Checkpoints;
        var old = await sut.StartRunAsync("xt1", SyncMode.Full);
        await sut.FinishRunAsync("xt1", old.RunId, SyncRunStatus.Failed, "provider down");
        var latest = await sut.StartRunAsync("xt1", SyncMode.Full);
        await sut.FinishRunAsync("xt1", latest.RunId, SyncRunStatus.Completed);

        Assert.Null(await sut.FindUnfinishedRunAsync("xt1"));
        Assert.Equal("provider down", (await sut.GetRunAsync("xt1", old.RunId))!.Error);
    }

    [Fact]
    public async Task AbandonStaleRunsAsync_RunsLeftRunningSinceTheLastCompletedOne_AreFailedAndTheCurrentOneKeepsRunning()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);
        var sut = harness.Store.Checkpoints;
        var longAgo = await sut.StartRunAsync("xt1", SyncMode.Full); // left Running before a completed run: not looked at
        var completed = await sut.StartRunAsync("xt1", SyncMode.Full);
        await sut.FinishRunAsync("xt1", completed.RunId, SyncRunStatus.Completed);
        var crashed = await sut.StartRunAsync("xt1", SyncMode.Full);
        await sut.RecordUnitCompletedAsync("xt1", crashed.RunId, "live/1", new UnitCounts(3, 0, 0));
        var canceled = await sut.StartRunAsync("xt1", SyncMode.Full);
        await sut.FinishRunAsync("xt1", canceled.RunId, SyncRunStatus.Canceled);
        var current = await sut.StartRunAsync("xt1", SyncMode.Full);

        int marked = await sut.AbandonStaleRunsAsync("xt1", current.RunId);

        Assert.Equal(1, marked);
        SyncRun after = (await sut.GetRunAsync("xt1", crashed.RunId))!;
        Assert.Equal(SyncRunStatus.Failed, after.Status);
        Assert.Contains(current.RunId, after.Error, StringComparison.Ordinal);
        Assert.Equal(new UnitCounts(3, 0, 0), after.Totals);
        Assert.Equal(SyncRunStatus.Canceled, (await sut.GetRunAsync("xt1", canceled.RunId))!.Status);
        Assert.Equal(SyncRunStatus.Running, (await sut.GetRunAsync("xt1", current.RunId))!.Status);
        Assert.Equal(SyncRunStatus.Running, (await sut.GetRunAsync("xt1", longAgo.RunId))!.Status);
        Assert.Equal(0, await sut.AbandonStaleRunsAsync("xt1", current.RunId));
    }

    [Fact]
    public async Task GetLastCompletedRunStartAsync_SeveralRuns_ReturnsTheNewestCompletedOne()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);
        var sut = harness.Store.Checkpoints;
        Assert.Null(await sut.GetLastCompletedRunStartAsync("xt1"));
        var full = await sut.StartRunAsync("xt1", SyncMode.Full);
        await sut.FinishRunAsync("xt1", full.RunId, SyncRunStatus.Completed);
        var incremental = await sut.StartRunAsync("xt1", SyncMode.Incremental);
        await sut.FinishRunAsync("xt1", incremental.RunId, SyncRunStatus.Completed);
        var running = await sut.StartRunAsync("xt1", SyncMode.Full);

        Assert.Equal(incremental.StartedAt, await sut.GetLastCompletedRunStartAsync("xt1"));
        Assert.Equal(full.StartedAt, await sut.GetLastCompletedRunStartAsync("xt1", SyncMode.Full));
        Assert.True(string.CompareOrdinal(running.RunId, incremental.RunId) < 0, "newer run ids sort first");
    }

    [Fact]
    public async Task FinishRunAsync_UnknownRun_ThrowsNamingIt()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => harness.Store.Checkpoints.FinishRunAsync("xt1", "no-such-run", SyncRunStatus.Completed));

        Assert.Contains("no-such-run", ex.Message, StringComparison.Ordinal);
    }
}
