using MediaSync.Durable.Partitioning;
using MediaSync.Durable.Storage.InMemory;
using MediaSync.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MediaSync.Durable.Tests.PartitionOwnership;

/// <summary>
/// Ownership scenarios on the in-memory backend with fake time: the test drives every worker's
/// cycles itself (as the 5 s loop would) and checks after each one that no partition has two owners.
/// </summary>
public sealed class LeasePartitionManagerTests : IAsyncDisposable
{
    private static readonly TimeSpan Cycle = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStorageProvider storage;
    private readonly List<Worker> workers = [];

    public LeasePartitionManagerTests() => storage = new InMemoryStorageProvider(time);

    [Fact]
    public async Task RunCycle_OneWorker_TakesAllFourPartitions()
    {
        var a = await AddWorkerAsync("a");

        await RoundsAsync(1);

        Assert.Equal([0, 1, 2, 3], a.Manager.OwnedPartitions);
        Assert.Equal([0, 1, 2, 3], a.Callbacks.Running);
    }

    [Fact]
    public async Task RunCycle_TwoWorkers_BalanceTwoAndTwoAndStayPut()
    {
        var a = await AddWorkerAsync("a");
        await RoundsAsync(1);
        var b = await AddWorkerAsync("b");

        await RoundsAsync(3);
        Assert.Equal(2, a.Manager.OwnedPartitions.Count);
        Assert.Equal(2, b.Manager.OwnedPartitions.Count);

        int releasesWhenBalanced = a.Callbacks.Released.Count + b.Callbacks.Released.Count;
        await RoundsAsync(6);
        Assert.Equal(releasesWhenBalanced, a.Callbacks.Released.Count + b.Callbacks.Released.Count);
    }

    [Fact]
    public async Task RunCycle_ThirdWorkerJoins_RebalancesToTwoOneOne()
    {
        var a = await AddWorkerAsync("a");
        var b = await AddWorkerAsync("b");
        await RoundsAsync(3);

        var c = await AddWorkerAsync("c");
        await RoundsAsync(3);

        Assert.Equal([2, 1, 1], new[] { a, b, c }.Select(w => w.Manager.OwnedPartitions.Count));
        Assert.All(b.Callbacks.Released, r => Assert.False(r.LeaseLost));
    }

    [Fact]
    public async Task StopAsync_WorkerStopsGracefully_OthersTakeOverBeforeAnyLeaseCouldExpire()
    {
        var a = await AddWorkerAsync("a");
        var b = await AddWorkerAsync("b");
        var c = await AddWorkerAsync("c");
        await RoundsAsync(3);
        var bHad = b.Manager.OwnedPartitions.ToList();
        Assert.NotEmpty(bHad);

        await b.Manager.StopAsync(default);
        b.Alive = false;

        Assert.Empty(b.Manager.OwnedPartitions);
        Assert.Empty(b.Callbacks.Running);
        Assert.Equal(bHad.Select(p => (p, false)), b.Callbacks.Released.TakeLast(bHad.Count).OrderBy(r => r.Partition));
        Assert.Null(await storage.GetTable("hubWorkers").GetAsync("w", "b", default));

        // Two cycles (10 s) is well inside the 30 s lease: the partitions were released, not left to expire.
        await RoundsAsync(2);
        Assert.Equal([2, 2], new[] { a, c }.Select(w => w.Manager.OwnedPartitions.Count));
    }

    [Fact]
    public async Task RunCycle_WorkerDies_ItsPartitionsAreTakenOnlyAfterItsLeasesExpire()
    {
        var a = await AddWorkerAsync("a");
        var b = await AddWorkerAsync("b");
        await RoundsAsync(3);
        var bHad = b.Manager.OwnedPartitions.ToList();

        b.Alive = false; // no more cycles: no heartbeat, no renewals, no release

        await RoundsAsync(3);
        Assert.Equal(2, a.Manager.OwnedPartitions.Count);

        // Heartbeat expiry (20 s) plus the rest of the 30 s lease plus a cycle.
        await RoundsAsync(6);
        Assert.Equal([0, 1, 2, 3], a.Manager.OwnedPartitions);
        Assert.All(bHad, p => Assert.Contains(p, a.Callbacks.Running));
    }

    [Fact]
    public async Task RunCycle_WorkerSilentForTenExpiryPeriods_ItsHeartbeatRowIsRemoved()
    {
        await AddWorkerAsync("a");
        var b = await AddWorkerAsync("b");
        await RoundsAsync(2);
        b.Alive = false;
        var table = storage.GetTable("hubWorkers");

        await RoundsAsync(20);
        Assert.NotNull(await table.GetAsync("w", "b", default));

        await RoundsAsync(22);
        Assert.Null(await table.GetAsync("w", "b", default));
        Assert.NotNull(await table.GetAsync("w", "a", default));
    }

    [Fact]
    public async Task RunCycle_WedgedDispatcher_LetsItsLeaseLapseAndAnotherWorkerTakesOver()
    {
        var a = await AddWorkerAsync("a");
        var b = await AddWorkerAsync("b");
        await RoundsAsync(3);
        int wedged = a.Manager.OwnedPartitions.First();
        a.Callbacks.Wedge(wedged);

        await RoundsAsync(15);

        Assert.Contains((wedged, true), a.Callbacks.Released);
        Assert.Contains(wedged, b.Manager.OwnedPartitions);
        Assert.DoesNotContain(wedged, a.Manager.OwnedPartitions);
    }

    [Fact]
    public async Task RunCycle_PausedWorkerResumesAfterItsLeasesWereTaken_ReportsLeaseLost()
    {
        var a = await AddWorkerAsync("a");
        await RoundsAsync(1);
        a.Alive = false; // a paused process: it still believes it owns everything
        var b = await AddWorkerAsync("b");

        await RoundsAsync(8);
        Assert.Equal([0, 1, 2, 3], b.Manager.OwnedPartitions);

        a.Alive = true;
        await RoundsAsync(1);

        Assert.Equal([(0, true), (1, true), (2, true), (3, true)], a.Callbacks.Released.OrderBy(r => r.Partition));
        Assert.Empty(a.Callbacks.Running);
    }

    [Fact]
    public async Task StartAsync_SecondManagerAfterFirstStopped_AcquiresTheReleasedLeasesImmediately()
    {
        var first = CreateManager("a", out var firstCallbacks);
        await first.StartAsync(firstCallbacks, default);
        Assert.Equal([0, 1, 2, 3], first.OwnedPartitions);

        await first.StopAsync(default);
        var second = CreateManager("b", out var secondCallbacks);
        await using (second)
        {
            await second.StartAsync(secondCallbacks, default);

            Assert.Empty(first.OwnedPartitions);
            Assert.Equal([0, 1, 2, 3], second.OwnedPartitions);
            Assert.Equal([0, 1, 2, 3], secondCallbacks.Running);
        }

        await first.DisposeAsync();
    }

    [Fact]
    public async Task StartAsync_BackgroundLoop_RebalancesAsFakeTimePasses()
    {
        var first = CreateManager("a", out var firstCallbacks);
        var second = CreateManager("b", out var secondCallbacks);
        await using (first)
        await using (second)
        {
            await first.StartAsync(firstCallbacks, default);
            await second.StartAsync(secondCallbacks, default);
            Assert.Empty(second.OwnedPartitions);

            await Eventually.TrueAsync(
                () =>
                {
                    time.Advance(TimeSpan.FromSeconds(1));
                    return first.OwnedPartitions.Count == 2 && second.OwnedPartitions.Count == 2;
                },
                TimeSpan.FromSeconds(20),
                "the loops balanced the partitions 2/2");
        }

        Assert.Empty(firstCallbacks.Running);
        Assert.Empty(secondCallbacks.Running);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var w in workers)
        {
            await w.Manager.DisposeAsync();
        }
    }

    private async Task<Worker> AddWorkerAsync(string id)
    {
        var manager = CreateManager(id, out var callbacks);
        await manager.InitializeAsync(callbacks, default);
        var worker = new Worker(id, manager, callbacks);
        workers.Add(worker);
        return worker;
    }

    private LeasePartitionManager CreateManager(string id, out RecordingPartitionCallbacks callbacks)
    {
        callbacks = new RecordingPartitionCallbacks(time);
        return new LeasePartitionManager(
            storage,
            new PartitionManagerOptions { HubName = "hub", WorkerId = id, PartitionCount = 4 },
            time,
            NullLogger<LeasePartitionManager>.Instance);
    }

    private async Task RoundsAsync(int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            time.Advance(Cycle);
            foreach (var worker in workers.Where(w => w.Alive))
            {
                await worker.Manager.RunCycleAsync(default);
                AssertEveryPartitionHasAtMostOneOwner();
            }
        }
    }

    private void AssertEveryPartitionHasAtMostOneOwner()
    {
        var live = workers.Where(w => w.Alive).ToList();
        foreach (var w in live)
        {
            Assert.Equal(w.Manager.OwnedPartitions, w.Callbacks.Running);
        }

        var all = live.SelectMany(w => w.Manager.OwnedPartitions).ToList();
        Assert.True(all.Count == all.Distinct().Count(), "A partition has two owners: " + string.Join("; ", live.Select(w => $"{w.Id}=[{string.Join(",", w.Manager.OwnedPartitions)}]")));
    }

    private sealed record Worker(string Id, LeasePartitionManager Manager, RecordingPartitionCallbacks Callbacks)
    {
        public bool Alive { get; set; } = true;
    }
}
