namespace MediaSync.Durable.Tests.Conformance;

/// <summary>Group 11: a turn whose page would not fit a table entity (1 MB) stores it as a blob, transparently.</summary>
public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task LargePage_FanOut5000_PageToBlob()
    {
        var storage = CreateStorage();
        string hub = MediaSync.TestSupport.UniqueNames.TaskHub();
        await using var host = await StartAsync(
            r => r
                .AddActivityFunc<string, int>("Len", (_, s) => s.Length)
                .AddOrchestratorFunc<int, int>("WideFanOut", async (ctx, n) =>
                    (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Len", $"item-{i:D6}-padding-padding")))).Sum()),
            null,
            storage,
            hub);

        var result = await RunToCompletionAsync(host, "WideFanOut", 5000, "wide");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(5000 * "item-000000-padding-padding".Length, result.ReadOutputAs<int>());
        var pageBlobs = new List<string>();
        await foreach (string name in storage.GetContainer(hub.ToLowerInvariant() + "-largemessages").ListAsync("wide/page", CancellationToken.None))
        {
            pageBlobs.Add(name);
        }

        Assert.NotEmpty(pageBlobs);
        Assert.Equal(5000, (await host.Client.GetInstanceHistoryAsync("wide")).Count(e => e.GetProperty("eventType").GetString() == "TaskScheduled"));
    }
}
