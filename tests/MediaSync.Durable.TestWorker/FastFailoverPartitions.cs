using MediaSync.Durable;
using MediaSync.Durable.Partitioning;
using MediaSync.Durable.Storage;
using MediaSync.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Durable.TestWorker;

/// <summary>Partition ownership tuned for kill tests: short cycles and the shortest lease Azure allows.</summary>
public static class FastFailoverPartitions
{
    /// <summary>Replaces the partition manager so a killed host's partitions move to the survivors within seconds.</summary>
    /// <param name="services">The host's services (after AddMediaSyncDurable).</param>
    /// <param name="hub">The task hub.</param>
    public static IServiceCollection AddFastFailoverPartitions(this IServiceCollection services, string hub) =>
        services.AddSingleton<IPartitionManager>(sp => new LeasePartitionManager(
            sp.GetRequiredService<IStorageProvider>(),
            new PartitionManagerOptions
            {
                HubName = hub,
                WorkerId = sp.GetRequiredService<WorkerIdentity>().Id,
                PartitionCount = sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value.StorageProvider.PartitionCount,
                CycleInterval = TimeSpan.FromSeconds(1),
                WorkerExpiry = TimeSpan.FromSeconds(5),
                LeaseDuration = TimeSpan.FromSeconds(15),
                RenewInterval = TimeSpan.FromSeconds(3),
            },
            TimeProvider.System,
            sp.GetRequiredService<ILogger<LeasePartitionManager>>()));
}
