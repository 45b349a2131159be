using Microsoft.Extensions.Logging;

namespace MediaSync.Durable.Partitioning;

/// <summary>Partition ownership log events (EventIds 6100–6119).</summary>
internal static partial class PartitioningLog
{
    [LoggerMessage(6100, LogLevel.Information, "Worker {WorkerId} started partition management of hub {HubName}: {PartitionCount} partitions, lease {LeaseDuration}, renew every {RenewInterval}.")]
    public static partial void Started(ILogger logger, string workerId, string hubName, int partitionCount, TimeSpan leaseDuration, TimeSpan renewInterval);

    [LoggerMessage(6101, LogLevel.Information, "Worker {WorkerId} acquired partition {Partition} (target {Target}).")]
    public static partial void Acquired(ILogger logger, string workerId, int partition, int target);

    [LoggerMessage(6102, LogLevel.Information, "Worker {WorkerId} drained partition {Partition} to rebalance (owned {Owned}, target {Target}).")]
    public static partial void Drained(ILogger logger, string workerId, int partition, int owned, int target);

    [LoggerMessage(6103, LogLevel.Warning, "Worker {WorkerId} lost the lease of partition {Partition}; its dispatcher was stopped.")]
    public static partial void LeaseLost(ILogger logger, string workerId, int partition);

    [LoggerMessage(6104, LogLevel.Error, "Worker {WorkerId}: the dispatcher of partition {Partition} made no progress since {LastProgress:O}; letting its lease lapse so another worker takes over.")]
    public static partial void DispatcherWedged(ILogger logger, string workerId, int partition, DateTimeOffset lastProgress);

    [LoggerMessage(6105, LogLevel.Warning, "Worker {WorkerId} could not renew the lease of partition {Partition}; will retry until it expires.")]
    public static partial void RenewFailed(ILogger logger, Exception exception, string workerId, int partition);

    [LoggerMessage(6106, LogLevel.Error, "Worker {WorkerId}: a partition ownership cycle failed; retrying next cycle.")]
    public static partial void CycleFailed(ILogger logger, Exception exception, string workerId);

    [LoggerMessage(6107, LogLevel.Error, "Worker {WorkerId}: the partition callback for partition {Partition} failed.")]
    public static partial void CallbackFailed(ILogger logger, Exception exception, string workerId, int partition);

    [LoggerMessage(6108, LogLevel.Information, "Worker {WorkerId} stopped partition management and released its leases.")]
    public static partial void Stopped(ILogger logger, string workerId);

    [LoggerMessage(6109, LogLevel.Debug, "Worker {WorkerId} sees {LiveWorkers} live workers; target {Target}, owns {Owned}.")]
    public static partial void Balance(ILogger logger, string workerId, int liveWorkers, int target, int owned);

    [LoggerMessage(6110, LogLevel.Warning, "Worker {WorkerId} could not release the lease of partition {Partition} while stopping; it will expire.")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string workerId, int partition);
}
