using System.Globalization;
using MediaSync.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace MediaSync.Durable.Partitioning;

/// <summary>
/// Cooperative partition ownership over blob leases (durable-runtime.md §8): heartbeats in
/// <c>{hub}Workers</c>, remainder-aware targets, acquire while below target, drain extras when
/// someone live is below theirs, never break a live lease, take a partition left free for two
/// cycles, and renew only while the partition's dispatcher makes progress. Runs on any
/// <see cref="IStorageProvider"/>; all timing comes from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class LeasePartitionManager : IPartitionManager
{
    private const string WorkersPartition = "w";
    private const string OwnedProperty = "Owned";

    // A worker row silent for this many expiry periods is deleted.
    private const int StaleRowFactor = 10;

    private readonly PartitionManagerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly IDataTable workers;
    private readonly IBlobContainer leases;

    // A fresh id per manager: a restarted worker (same WorkerId) must not inherit its predecessor's leases.
    private readonly string leaseId = Guid.NewGuid().ToString();
    private readonly SemaphoreSlim cycleLock = new(1, 1);
    private readonly Dictionary<int, OwnedLease> owned = [];
    private readonly int[] freeCycles;
    private readonly DateTimeOffset[] notBefore;

    private IPartitionCallbacks? callbacks;
    private CancellationTokenSource? loopCancellation;
    private Task? loop;
    private volatile int[] ownedSnapshot = [];
    private bool stopped;
    private bool disposed;

    public LeasePartitionManager(IStorageProvider storage, PartitionManagerOptions options, TimeProvider timeProvider, ILogger<LeasePartitionManager> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        workers = storage.GetTable(options.WorkersTableName);
        leases = storage.GetContainer(options.LeasesContainerName);
        freeCycles = new int[options.PartitionCount];
        notBefore = new DateTimeOffset[options.PartitionCount];
    }

    public IReadOnlyCollection<int> OwnedPartitions => ownedSnapshot;

    public async Task StartAsync(IPartitionCallbacks callbacks, CancellationToken cancellationToken)
    {
        await InitializeAsync(callbacks, cancellationToken).ConfigureAwait(false);
        await RunCycleAsync(cancellationToken).ConfigureAwait(false);
        loopCancellation = new CancellationTokenSource();
        loop = RunLoopAsync(loopCancellation.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (loopCancellation is { } cts)
        {
            await cts.CancelAsync().ConfigureAwait(false);
            await (loop ?? Task.CompletedTask).ConfigureAwait(false);
        }

        await cycleLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (stopped || callbacks is null)
            {
                return;
            }

            stopped = true;
            foreach (int partition in owned.Keys.Order().ToList())
            {
                try
                {
                    await ReleaseAsync(partition, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // Keep releasing the others; this lease simply expires.
                    PartitioningLog.ReleaseFailed(logger, ex, options.WorkerId, partition);
                }
            }

            // An unconditional delete of a missing row is a no-op on both backends.
            await workers.ExecuteBatchAsync([TableOperation.Delete(WorkersPartition, options.WorkerId)], cancellationToken).ConfigureAwait(false);
            PartitioningLog.Stopped(logger, options.WorkerId);
        }
        finally
        {
            cycleLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Disposal must not throw; unreleased leases simply expire.
            PartitioningLog.CycleFailed(logger, ex, options.WorkerId);
        }

        loopCancellation?.Dispose();
        cycleLock.Dispose();
    }

    /// <summary>Creates the workers table, the leases container and the lease blobs; no cycle yet (tests drive cycles themselves).</summary>
    internal async Task InitializeAsync(IPartitionCallbacks callbacks, CancellationToken cancellationToken)
    {
        this.callbacks = callbacks ?? throw new ArgumentNullException(nameof(callbacks));
        await workers.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await leases.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

        var existing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (string name in leases.ListAsync("partition-", cancellationToken).ConfigureAwait(false))
        {
            existing.Add(name);
        }

        for (int p = 0; p < options.PartitionCount; p++)
        {
            string blob = PartitionManagerOptions.LeaseBlobName(p);
            if (existing.Contains(blob))
            {
                continue;
            }

            try
            {
                await leases.UploadAsync(blob, ReadOnlyMemory<byte>.Empty, ifNoneMatch: true, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConflictException)
            {
                // Another worker created it first.
            }
        }

        PartitioningLog.Started(logger, options.WorkerId, options.HubName, options.PartitionCount, options.LeaseDuration, options.RenewInterval);
    }

    /// <summary>One ownership cycle: renew (or give up) owned leases, heartbeat, then drain or acquire toward the target.</summary>
    internal async Task RunCycleAsync(CancellationToken cancellationToken)
    {
        var callbacks = this.callbacks ?? throw new InvalidOperationException("Call StartAsync first.");
        await cycleLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (stopped)
            {
                return;
            }

            var now = time.GetUtcNow();
            bool changed = await RenewAsync(callbacks, now, cancellationToken).ConfigureAwait(false);

            var view = await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
            var targets = PartitionTargets.Compute(view.Keys, options.PartitionCount);
            int target = targets[options.WorkerId];
            var claimedByOthers = new HashSet<int>();
            int othersDeficit = 0;
            foreach (var (worker, claimed) in view)
            {
                if (worker != options.WorkerId)
                {
                    claimedByOthers.UnionWith(claimed);
                    othersDeficit += Math.Max(0, targets[worker] - claimed.Count);
                }
            }

            for (int p = 0; p < options.PartitionCount; p++)
            {
                freeCycles[p] = owned.ContainsKey(p) || claimedByOthers.Contains(p) ? 0 : freeCycles[p] + 1;
            }

            PartitioningLog.Balance(logger, options.WorkerId, view.Count, target, owned.Count);

            // Drain only as many as the others are short of, so two workers never trade a partition back and forth.
            int toDrain = Math.Min(owned.Count - target, othersDeficit);
            foreach (int partition in owned.Keys.OrderDescending().Take(Math.Max(0, toDrain)).ToList())
            {
                await ReleaseAsync(partition, cancellationToken).ConfigureAwait(false);
                PartitioningLog.Drained(logger, options.WorkerId, partition, owned.Count + 1, target);
                changed = true;
            }

            for (int p = 0; p < options.PartitionCount; p++)
            {
                bool wanted = owned.Count < target || freeCycles[p] >= options.FreeCyclesBeforeTakingOverTarget;
                if (!wanted || owned.ContainsKey(p) || claimedByOthers.Contains(p) || now < notBefore[p])
                {
                    continue;
                }

                if (await TryAcquireAsync(callbacks, p, now, target, cancellationToken).ConfigureAwait(false))
                {
                    changed = true;
                }
            }

            if (changed)
            {
                // Tell the others at once rather than a cycle later, so drained partitions are picked up quickly.
                await WriteHeartbeatAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            cycleLock.Release();
        }
    }

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CycleInterval, time, cancellationToken).ConfigureAwait(false);
                await RunCycleAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                PartitioningLog.CycleFailed(logger, ex, options.WorkerId);
            }
        }
    }

    private async Task<bool> RenewAsync(IPartitionCallbacks callbacks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        bool changed = false;
        foreach (var (partition, lease) in owned.OrderBy(o => o.Key).ToList())
        {
            var progress = callbacks.LastProgress(partition);
            if (now - Max(progress, lease.AcquiredAt) > options.MaxProgressAge)
            {
                // Stop renewing and stop claiming it; our own re-acquire waits until the lease lapsed so another worker can take over.
                PartitioningLog.DispatcherWedged(logger, options.WorkerId, partition, progress);
                Disown(partition);
                notBefore[partition] = lease.LastRenewed + options.LeaseDuration + options.CycleInterval;
                await NotifyReleasedAsync(callbacks, partition, leaseLost: true, cancellationToken).ConfigureAwait(false);
                changed = true;
                continue;
            }

            // Renew now if waiting for the next cycle would overshoot the renew interval.
            if (now + options.CycleInterval - lease.LastRenewed <= options.RenewInterval)
            {
                continue;
            }

            bool renewed;
            try
            {
                renewed = await leases.RenewLeaseAsync(PartitionManagerOptions.LeaseBlobName(partition), leaseId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                PartitioningLog.RenewFailed(logger, ex, options.WorkerId, partition);
                renewed = false;
                if (now - lease.LastRenewed < options.LeaseDuration)
                {
                    continue;
                }
            }

            if (renewed)
            {
                lease.LastRenewed = now;
                continue;
            }

            PartitioningLog.LeaseLost(logger, options.WorkerId, partition);
            Disown(partition);
            await NotifyReleasedAsync(callbacks, partition, leaseLost: true, cancellationToken).ConfigureAwait(false);
            changed = true;
        }

        return changed;
    }

    private async Task<bool> TryAcquireAsync(IPartitionCallbacks callbacks, int partition, DateTimeOffset now, int target, CancellationToken cancellationToken)
    {
        string blob = PartitionManagerOptions.LeaseBlobName(partition);
        if (!await leases.TryAcquireLeaseAsync(blob, leaseId, options.LeaseDuration, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            await callbacks.OnPartitionAcquiredAsync(partition, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Owned must mean a dispatcher runs: without one, give the lease back for someone else.
            PartitioningLog.CallbackFailed(logger, ex, options.WorkerId, partition);
            await leases.ReleaseLeaseAsync(blob, leaseId, cancellationToken).ConfigureAwait(false);
            return false;
        }

        owned[partition] = new OwnedLease(now);
        Publish();
        PartitioningLog.Acquired(logger, options.WorkerId, partition, target);
        return true;
    }

    // Drain: the dispatcher stops and abandons its work first, we stop claiming it, and only then
    // does the lease go back, so nobody can take it while we still say we own it.
    private async Task ReleaseAsync(int partition, CancellationToken cancellationToken)
    {
        await NotifyReleasedAsync(callbacks!, partition, leaseLost: false, cancellationToken).ConfigureAwait(false);
        Disown(partition);
        await leases.ReleaseLeaseAsync(PartitionManagerOptions.LeaseBlobName(partition), leaseId, cancellationToken).ConfigureAwait(false);
    }

    private void Disown(int partition)
    {
        owned.Remove(partition);
        Publish();
    }

    private async Task NotifyReleasedAsync(IPartitionCallbacks callbacks, int partition, bool leaseLost, CancellationToken cancellationToken)
    {
        try
        {
            await callbacks.OnPartitionReleasedAsync(partition, leaseLost, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            PartitioningLog.CallbackFailed(logger, ex, options.WorkerId, partition);
        }
    }

    /// <summary>Writes our heartbeat and reads every live worker's claimed partitions (ours included).</summary>
    private async Task<Dictionary<string, HashSet<int>>> HeartbeatAsync(CancellationToken cancellationToken)
    {
        await WriteHeartbeatAsync(cancellationToken).ConfigureAwait(false);

        var rows = new List<TableRow>();
        string? token = null;
        do
        {
            var page = await workers.QueryAsync(new TableQuery { PartitionKey = WorkersPartition }, token, cancellationToken).ConfigureAwait(false);
            rows.AddRange(page.Rows);
            token = page.ContinuationToken;
        }
        while (token is not null);

        // Liveness compares server timestamps only, so clock skew between hosts does not matter.
        var ours = rows.Find(r => r.RowKey == options.WorkerId)?.Timestamp
            ?? throw new InvalidOperationException($"The heartbeat row of worker {options.WorkerId} in {workers.Name} vanished right after it was written.");
        var live = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var silentFor = ours - row.Timestamp;
            if (silentFor <= options.WorkerExpiry)
            {
                live[row.RowKey] = ParseOwned(row.GetString(OwnedProperty));
            }
            else if (silentFor > StaleRowFactor * options.WorkerExpiry)
            {
                await ForgetWorkerAsync(row, cancellationToken).ConfigureAwait(false);
            }
        }

        return live;
    }

    // Rows of workers long gone would otherwise pile up with every host restart under a new id.
    // The ETag guard keeps a worker that just came back.
    private async Task ForgetWorkerAsync(TableRow row, CancellationToken cancellationToken)
    {
        try
        {
            await workers.ExecuteBatchAsync([TableOperation.Delete(WorkersPartition, row.RowKey, row.ETag)], cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            // It wrote a heartbeat meanwhile, or another worker removed it first.
        }
    }

    private async Task WriteHeartbeatAsync(CancellationToken cancellationToken)
    {
        var row = new TableRow(WorkersPartition, options.WorkerId)
        {
            [OwnedProperty] = string.Join(',', owned.Keys.Order()),
        };
        await workers.ExecuteBatchAsync([TableOperation.Upsert(row)], cancellationToken).ConfigureAwait(false);
    }

    private static HashSet<int> ParseOwned(string? value)
    {
        var result = new HashSet<int>();
        foreach (string part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int p))
            {
                result.Add(p);
            }
        }

        return result;
    }

    private void Publish() => ownedSnapshot = owned.Keys.Order().ToArray();

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed class OwnedLease(DateTimeOffset acquiredAt)
    {
        public DateTimeOffset AcquiredAt { get; } = acquiredAt;

        public DateTimeOffset LastRenewed { get; set; } = acquiredAt;
    }
}
