namespace MediaSync.Durable.Partitioning;

/// <summary>
/// Decides which control-queue partitions this host processes. Correctness never depends on it
/// (commits are ETag-guarded), only efficiency: ideally each partition has exactly one owner.
/// </summary>
internal interface IPartitionManager : IAsyncDisposable
{
    /// <summary>Partitions owned right now.</summary>
    IReadOnlyCollection<int> OwnedPartitions { get; }

    /// <summary>Starts acquiring partitions. <paramref name="callbacks"/> start and stop dispatchers.</summary>
    Task StartAsync(IPartitionCallbacks callbacks, CancellationToken cancellationToken);

    /// <summary>Stops dispatching (callbacks told), releases every lease and removes this worker's heartbeat.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}

/// <summary>How the partition manager tells the worker what it owns, and asks whether a dispatcher is healthy.</summary>
internal interface IPartitionCallbacks
{
    /// <summary>The partition is ours: start receiving from its control queue.</summary>
    Task OnPartitionAcquiredAsync(int partition, CancellationToken cancellationToken);

    /// <summary>
    /// Stop receiving from the partition, finish or abandon in-flight work and evict cached state;
    /// called before the lease is released (drain) or after it was found lost.
    /// </summary>
    Task OnPartitionReleasedAsync(int partition, bool leaseLost, CancellationToken cancellationToken);

    /// <summary>
    /// When the dispatcher of <paramref name="partition"/> last made progress (polled or finished a
    /// work item). A lease is renewed only while this is recent, so a wedged dispatcher lets it lapse.
    /// </summary>
    DateTimeOffset LastProgress(int partition);
}
