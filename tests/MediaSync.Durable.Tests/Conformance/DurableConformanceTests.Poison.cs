using MediaSync.Durable.Storage;
using MediaSync.TestSupport;

namespace MediaSync.Durable.Tests.Conformance;

/// <summary>Group 10: poison messages end in the Poison table and fail their instance instead of looping; deferrals are not failures.</summary>
public abstract partial class DurableConformanceTests
{
    private static async Task<List<TableRow>> PoisonRowsAsync(IStorageProvider storage, string hub)
    {
        var page = await storage.GetTable(hub + "Poison").QueryAsync(new TableQuery(), null, CancellationToken.None);
        return page.Rows.ToList();
    }

    [Fact]
    public async Task Undeserializable_MovedToPoison()
    {
        var storage = CreateStorage();
        string hub = UniqueNames.TaskHub();
        await using var host = await StartAsync(AddSteps, o => o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100), storage, hub);
        var queue = storage.GetQueue(hub.ToLowerInvariant() + "-control-00");

        await queue.SendAsync("this is not an envelope {", TimeSpan.Zero, CancellationToken.None);

        await Eventually.TrueAsync(async () => (await PoisonRowsAsync(storage, hub)).Count == 1, Timeout, "the unreadable message is in the Poison table");
        var row = (await PoisonRowsAsync(storage, hub)).Single();
        Assert.Contains("Unreadable", row.GetString("Reason"), StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => await queue.GetApproximateCountAsync(CancellationToken.None) == 0, Timeout, "the message left the queue");

        // The worker is still healthy afterwards.
        var result = await RunToCompletionAsync(host, "Steps", 2);
        Assert.Equal(2, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Poison_ControlMessage_FailsInstance()
    {
        var storage = CreateStorage();
        string hub = UniqueNames.TaskHub();
        await using var host = await StartAsync(
            r => r.AddOrchestrator<UnconstructibleOrchestrator>(),
            o => o.StorageProvider.MaxControlDequeueCount = 2,
            storage,
            hub);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(UnconstructibleOrchestrator));

        var result = await WaitAsync(host, id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("Poison message", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("ExecutionStarted", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Single(await PoisonRowsAsync(storage, hub));
    }

    [Fact]
    public async Task Deferral_DoesNotCountAsPoison()
    {
        await using var host = await StartAsync(
            r => r.AddOrchestratorFunc<object?, string>("Listener", async (ctx, _) => await ctx.WaitForExternalEvent<string>("hello")),
            o =>
            {
                // Two failed receives allowed: a start may lose one harmless race with the client's Pending row.
                o.StorageProvider.MaxControlDequeueCount = 2;
                o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100);
            });

        // The event arrives before the instance exists: it is deferred (1 s, 2 s, ...) — more receives than the poison limit allows failures.
        await host.Client.RaiseEventAsync("late-starter", "hello", "world");
        await Task.Delay(TimeSpan.FromSeconds(3.5), TimeProvider.System);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Listener", null, new StartOrchestrationOptions("late-starter"));

        var result = await WaitAsync(host, "late-starter");
        Assert.True(result.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{result.RuntimeStatus}: {result.FailureDetails}");
        Assert.Equal("world", result.ReadOutputAs<string>());
    }

    /// <summary>Cannot be created by DI: every turn for it fails, so its start message keeps failing.</summary>
    private sealed class UnconstructibleOrchestrator(UnregisteredDependency dependency) : TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) => Task.FromResult(dependency.ToString()!);
    }

    private sealed class UnregisteredDependency;
}
