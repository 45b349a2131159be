namespace MediaSync.Durable.Partitioning;

/// <summary>Owns every partition: for a single host (the in-memory backend, tests). Correct with several hosts too, only less efficient.</summary>
internal sealed class AllPartitionsManager(int partitionCount) : IPartitionManager
{
    private readonly List<int> owned = [];
    private IPartitionCallbacks? callbacks;

    public IReadOnlyCollection<int> OwnedPartitions
    {
        get
        {
            lock (owned)
            {
                return owned.ToArray();
            }
        }
    }

    public async Task StartAsync(IPartitionCallbacks callbacks, CancellationToken cancellationToken)
    {
        this.callbacks = callbacks;
        for (int p = 0; p < partitionCount; p++)
        {
            await callbacks.OnPartitionAcquiredAsync(p, cancellationToken).ConfigureAwait(false);
            lock (owned)
            {
                owned.Add(p);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (int p in OwnedPartitions)
        {
            if (callbacks is not null)
            {
                await callbacks.OnPartitionReleasedAsync(p, leaseLost: false, cancellationToken).ConfigureAwait(false);
            }

            lock (owned)
            {
                owned.Remove(p);
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
