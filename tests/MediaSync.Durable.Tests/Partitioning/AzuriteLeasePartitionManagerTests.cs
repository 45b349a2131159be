using MediaSync.Durable.Partitioning;
using MediaSync.Durable.Storage.AzureStorage;
using MediaSync.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaSync.Durable.Tests.PartitionOwnership;

/// <summary>Two managers with their real loops on Azurite and real time (short intervals; 15 s is Azure's shortest lease).</summary>
public sealed class AzuriteLeasePartitionManagerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task StartAndStop_TwoWorkersBalanceThenOneStops_SurvivorOwnsAllBeforeTheLeaseCouldExpire()
    {
        var storage = new AzureStorageProvider(azurite.ConnectionString);
        string hub = UniqueNames.TaskHub();
        var (a, aCallbacks) = Create(storage, hub, "a");
        var (b, bCallbacks) = Create(storage, hub, "b");
        await using (a)
        await using (b)
        {
            await a.StartAsync(aCallbacks, default);
            Assert.Equal([0, 1, 2, 3], a.OwnedPartitions);
            await b.StartAsync(bCallbacks, default);

            await Eventually.TrueAsync(
                () =>
                {
                    Assert.Empty(a.OwnedPartitions.Intersect(b.OwnedPartitions));
                    return a.OwnedPartitions.Count == 2 && b.OwnedPartitions.Count == 2;
                },
                TimeSpan.FromSeconds(12),
                "the two workers own two partitions each");

            var stoppedAt = TimeProvider.System.GetTimestamp();
            await b.StopAsync(default);
            Assert.Empty(bCallbacks.Running);

            await Eventually.TrueAsync(() => a.OwnedPartitions.Count == 4, TimeSpan.FromSeconds(10), "the survivor took the released partitions");
            Assert.True(TimeProvider.System.GetElapsedTime(stoppedAt) < TimeSpan.FromSeconds(15), "takeover waited for lease expiry instead of using the release");
            Assert.Equal([0, 1, 2, 3], aCallbacks.Running);
        }
    }

    private static (LeasePartitionManager Manager, RecordingPartitionCallbacks Callbacks) Create(AzureStorageProvider storage, string hub, string workerId)
    {
        var options = new PartitionManagerOptions
        {
            HubName = hub,
            WorkerId = workerId,
            CycleInterval = TimeSpan.FromSeconds(1),
            RenewInterval = TimeSpan.FromSeconds(3),
            LeaseDuration = TimeSpan.FromSeconds(15),
            WorkerExpiry = TimeSpan.FromSeconds(5),
        };
        return (new LeasePartitionManager(storage, options, TimeProvider.System, NullLogger<LeasePartitionManager>.Instance), new RecordingPartitionCallbacks(TimeProvider.System));
    }
}
