using System.Net;
using System.Text.Json;
using MediaSync.Catalog.Storage;
using MediaSync.Sandbox;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Functions.Tests.Sync;

public sealed class SyncHostKillTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task HostProcessKilledMidSync_RestartedHostCompletesTheSameRun_StoreEqualsTheCatalog()
    {
        SandboxOptions options = SyncTestHost.SmallCatalog();
        options.Catalog.VodCategories = 10;
        options.Catalog.Series = 16;
        options.MinLatency = options.MaxLatency = TimeSpan.FromMilliseconds(200);
        await using SandboxHost sandbox = await SandboxHost.StartAsync(options);
        string hub = UniqueNames.TaskHub("kill");
        Dictionary<string, string?> settings = SyncTestHost.Settings(sandbox, UniqueNames.Table("k")[..20], new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = hub,
            // Messages the killed host had received reappear quickly for the restarted one.
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:00:10",
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:10",
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
        });
        var processSettings = new Dictionary<string, string?>(settings)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Host:MasterKey"] = AppHost.MasterKey,
            ["Host:Keys:Default"] = AppHost.FunctionKey,
            ["Host:SystemKeys:durabletask_extension"] = AppHost.SystemKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };

        string runId;
        using (AppProcess first = await AppProcess.StartAsync(processSettings, TimeSpan.FromSeconds(60)))
        {
            using var start = new HttpRequestMessage(HttpMethod.Post, $"/api/sync/{SyncTestHost.SourceId}");
            start.Headers.Add("x-functions-key", AppHost.FunctionKey);
            using HttpResponseMessage started = await first.Client.SendAsync(start);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

            // Watch the checkpoints with a bare store: nothing but the first host works the hub.
            using ServiceProvider services = new ServiceCollection().AddLogging()
                .AddCatalogStore(o => (o.ConnectionString, o.TablePrefix) = (azurite.ConnectionString, settings["Catalog:TablePrefix"]!)).Services
                .BuildServiceProvider();
            SyncCheckpointStore checkpoints = services.GetRequiredService<CatalogStore>().Checkpoints;
            await Eventually.TrueAsync(
                async () => await checkpoints.FindUnfinishedRunAsync(SyncTestHost.SourceId) is { CompletedUnits.Count: >= 3 },
                SyncTestHost.Timeout,
                "the first host has completed a few units");
            runId = (await checkpoints.FindUnfinishedRunAsync(SyncTestHost.SourceId))!.Run.RunId;
            first.Kill();
        }

        // The restarted host: the same hub, tables and source, in this process.
        await using SyncTestHost restarted = await SyncTestHost.AttachAsync(azurite, sandbox, settings);
        JsonElement status = await restarted.WaitUntilDoneAsync();

        JsonElement output = status.GetProperty("output");
        Assert.Equal("Completed", output.GetProperty("status").GetString());
        Assert.Equal(runId, output.GetProperty("runId").GetString());
        Assert.Single(status.GetProperty("lastRuns").EnumerateArray());
        (await restarted.ReadStoreAsync()).AssertSameAs(restarted.Expected());
    }
}
