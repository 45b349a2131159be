using System.Collections.Concurrent;
using MediaSync.Durable.Partitioning;

namespace MediaSync.Durable.Tests.PartitionOwnership;

/// <summary>Stands in for a worker's dispatchers: records which partitions run, and can wedge one.</summary>
internal sealed class RecordingPartitionCallbacks(TimeProvider time) : IPartitionCallbacks
{
    private readonly ConcurrentDictionary<int, bool> running = new();
    private readonly ConcurrentDictionary<int, DateTimeOffset> wedgedSince = new();

    public ConcurrentQueue<(int Partition, bool LeaseLost)> Released { get; } = new();

    public IReadOnlyCollection<int> Running => running.Keys.Order().ToList();

    /// <summary>From now on the dispatcher of <paramref name="partition"/> reports no progress.</summary>
    public void Wedge(int partition) => wedgedSince[partition] = time.GetUtcNow();

    public Task OnPartitionAcquiredAsync(int partition, CancellationToken cancellationToken)
    {
        Assert.True(running.TryAdd(partition, true), $"Partition {partition} was started twice on one worker.");
        return Task.CompletedTask;
    }

    public Task OnPartitionReleasedAsync(int partition, bool leaseLost, CancellationToken cancellationToken)
    {
        running.TryRemove(partition, out _);
        Released.Enqueue((partition, leaseLost));
        return Task.CompletedTask;
    }

    public DateTimeOffset LastProgress(int partition) =>
        wedgedSince.TryGetValue(partition, out var since) ? since : time.GetUtcNow();
}
