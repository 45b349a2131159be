using System.Net;
using System.Text.Json;
using MediaSync.Catalog.Storage;
using MediaSync.Sandbox;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests.Sync;

public sealed class SyncCancelResumeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task CancelMidSync_NoSweep_ThenResume_StoreEqualsCleanFullSync_AndSweepsDeletions()
    {
        SandboxOptions options = SyncTestHost.SmallCatalog();
        options.Catalog.VodCategories = 12;
        await using SyncTestHost host = await SyncTestHost.StartAsync(azurite, options);
        await host.SyncAsync();
        CatalogSnapshot before = await host.ReadStoreAsync();

        // Removed upstream: only a complete full run may delete them. Slow calls make the cancel land mid-way.
        host.Sandbox.Control.ApplyChanges(new SandboxChangeSet { MoviesDeleted = 5, LiveDeleted = 2, SeriesDeleted = 1 });
        host.Sandbox.Control.SetLatency(TimeSpan.FromMilliseconds(250));
        using HttpResponseMessage started = await host.PostAsync($"/api/sync/{SyncTestHost.SourceId}");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await Eventually.TrueAsync(
            async () => await host.Store.Checkpoints.FindUnfinishedRunAsync(SyncTestHost.SourceId) is { CompletedUnits.Count: >= 2 },
            SyncTestHost.Timeout,
            "the run has completed a few units");
        using HttpResponseMessage cancel = await host.PostAsync($"/api/sync/{SyncTestHost.SourceId}/cancel");
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        JsonElement canceled = await host.WaitUntilDoneAsync();

        Assert.Equal("Canceled", canceled.GetProperty("output").GetProperty("status").GetString());
        Assert.Equal("canceled", canceled.GetProperty("progress").GetProperty("phase").GetString());
        Assert.True(canceled.GetProperty("progress").GetProperty("done").GetInt32() < 19, "the cancel came after every unit: the test proves nothing");
        JsonElement canceledRun = canceled.GetProperty("lastRuns")[0];
        Assert.Equal("Canceled", canceledRun.GetProperty("status").GetString());
        Assert.False(canceled.GetProperty("output").TryGetProperty("swept", out _));
        CatalogSnapshot afterCancel = await host.ReadStoreAsync();
        Assert.Equal(before.Vod.Count, afterCancel.Vod.Count); // no sweep after a cancel
        Assert.Equal(before.Live.Count, afterCancel.Live.Count);

        host.Sandbox.Control.SetLatency(TimeSpan.Zero);
        using HttpResponseMessage cancelIdle = await host.PostAsync($"/api/sync/{SyncTestHost.SourceId}/cancel");
        Assert.Equal(HttpStatusCode.Conflict, cancelIdle.StatusCode);
        JsonElement resumed = await host.SyncAsync("?resume=true");

        JsonElement output = resumed.GetProperty("output");
        Assert.Equal("Completed", output.GetProperty("status").GetString());
        Assert.Equal(canceledRun.GetProperty("runId").GetString(), output.GetProperty("runId").GetString());
        Assert.True(output.GetProperty("units").GetInt32() < 19, "the resumed run redid units the canceled one completed");
        Assert.True(output.GetProperty("swept").GetInt32() >= 8, output.ToString());
        JsonElement run = resumed.GetProperty("lastRuns")[0];
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal(2, run.GetProperty("attempts").GetInt32());
        (await host.ReadStoreAsync()).AssertSameAs(host.Expected());
    }

    [Fact]
    public async Task ProviderFaults_SyncCompletes_FailuresReportedPerUnit_NothingStoredIsLost_ResumeRepairs()
    {
        await using SyncTestHost host = await SyncTestHost.StartAsync(azurite, SyncTestHost.SmallCatalog());
        await host.SyncAsync();
        CatalogSnapshot before = await host.ReadStoreAsync();
        host.Sandbox.Control.ApplyChanges(new SandboxChangeSet { SeriesModified = 4, MoviesModified = 10 });
        long vodListCalls = host.Sandbox.Counters.CallsStartingWith("xtream:get_vod_streams");

        host.Sandbox.Control.ErrorRate = 0.10;
        host.Sandbox.Control.ThrottleNext(3, TimeSpan.FromSeconds(1), "xtream:get_vod_streams");
        host.Sandbox.Control.TruncateNext("xtream:get_series_info", afterBytes: 200);
        JsonElement faulted = await host.SyncAsync();

        JsonElement output = faulted.GetProperty("output");
        string status = output.GetProperty("status").GetString()!;
        Assert.True(status is "Completed" or "CompletedWithFailures", status);
        Assert.Equal(output.GetProperty("failedUnits").GetInt32(), output.GetProperty("failedUnitKeys").GetArrayLength());
        Assert.True(host.Sandbox.Counters.CallsStartingWith("xtream:get_vod_streams") >= vodListCalls + 4 + 3, "the 429 burst was not met");
        // The malformed series page fails that series' unit (reported by key), and nothing already stored is lost.
        Assert.Equal("CompletedWithFailures", status);
        Assert.Contains(output.GetProperty("failedUnitKeys").EnumerateArray(), k => k.GetString()!.StartsWith("series/", StringComparison.Ordinal));
        Assert.Equal("Failed", faulted.GetProperty("lastRuns")[0].GetProperty("status").GetString());
        CatalogSnapshot afterFaults = await host.ReadStoreAsync();
        Assert.Empty(before.Vod.Except(afterFaults.Vod));
        Assert.Empty(before.Episodes.Except(afterFaults.Episodes));

        host.Sandbox.Control.ErrorRate = 0;
        JsonElement repaired = await host.SyncAsync("?resume=true");
        Assert.Equal("Completed", repaired.GetProperty("output").GetProperty("status").GetString());
        (await host.ReadStoreAsync()).AssertSameAs(host.Expected());
    }
}
