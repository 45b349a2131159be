using MediaSync.Durable.Storage;
using MediaSync.TestSupport;

namespace MediaSync.Durable.Tests.Conformance;

/// <summary>Idle cost: an idle host polls (partitions + 1) queues at most once per maxQueuePollingInterval.</summary>
public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task IdlePolling_OpsWithinBudget()
    {
        var storage = new CountingStorageProvider(CreateStorage());
        await using var host = await StartAsync(AddSteps, o => o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromSeconds(1), storage);

        // Let the back-off ramp up (10 ms doubling to 1 s), then count what idling costs over 3 s.
        var warm = await RunToCompletionAsync(host, "Steps", 1);
        Assert.Equal(1, warm.ReadOutputAs<int>());
        await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System);
        storage.Reset();
        await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System);
        long ops = storage.Total;

        // 4 control queues + the work-item queue, one receive each per second at most: with jitter of -20 % that is
        // 3 s / 0.8 s = 3.75 receives per queue, plus one more when a receive lands on each edge of the window.
        double budget = 5 * ((3 / 0.8) + 1);
        Assert.True(ops <= budget, $"idle host made {ops} storage calls in 3 s ({string.Join(", ", storage.Counts.Select(kv => $"{kv.Key}={kv.Value}"))}); budget {budget}");
        Assert.True(ops >= 5, $"idle host made only {ops} calls in 3 s: is it still polling?");
    }
}
