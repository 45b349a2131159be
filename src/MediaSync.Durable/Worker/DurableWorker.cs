using System.Collections.Concurrent;
using MediaSync.Durable.Engine;
using MediaSync.Durable.Partitioning;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaSync.Durable.Worker;

/// <summary>
/// The durable worker of one host process: a dispatcher per owned control-queue partition and one
/// activity dispatcher, started and stopped with the host.
/// </summary>
internal sealed class DurableWorker : IHostedService, IPartitionCallbacks, IAsyncDisposable
{
    private readonly TaskHub hub;
    private readonly IPartitionManager partitions;
    private readonly ILogger logger;
    private readonly OrchestrationTurnProcessor processor;
    private readonly EntityBatchProcessor entities;
    private readonly PoisonHandler poison;
    private readonly ActivityDispatcher activities;
    private readonly InstanceCache cache;
    private readonly SemaphoreSlim orchestratorSlots;
    private readonly ConcurrentDictionary<int, (ControlQueueDispatcher Dispatcher, CancellationTokenSource Stop, Task Run)> dispatchers = new();
    private CancellationTokenSource? stopping;
    private Task? activityRun;
    private int disposed;

    public DurableWorker(TaskHub hub, DurableTaskRegistry registry, IServiceProvider services, ILoggerFactory loggerFactory, IPartitionManager partitions, WorkerIdentity identity)
    {
        this.hub = hub;
        this.partitions = partitions;
        logger = loggerFactory.CreateLogger("MediaSync.Durable.Worker");
        var options = hub.Options;
        cache = new InstanceCache(hub.TimeProvider, TimeSpan.FromSeconds(options.ExtendedSessionIdleTimeoutInSeconds), options.ExtendedSessionsEnabled);
        processor = new OrchestrationTurnProcessor(hub, cache, registry, services, loggerFactory);
        entities = new EntityBatchProcessor(hub, cache, registry, services, loggerFactory);
        poison = new PoisonHandler(hub, logger);
        activities = new ActivityDispatcher(hub, registry, services, poison, logger);
        orchestratorSlots = new SemaphoreSlim(options.MaxConcurrentOrchestratorFunctions, options.MaxConcurrentOrchestratorFunctions);
        WorkerId = identity.Id;
    }

    public string WorkerId { get; }

    public IReadOnlyCollection<int> OwnedPartitions => partitions.OwnedPartitions;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await hub.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        stopping = new CancellationTokenSource();
        activityRun = Task.Run(() => activities.RunAsync(stopping.Token), CancellationToken.None);
        await partitions.StartAsync(this, cancellationToken).ConfigureAwait(false);
        var polling = hub.Options.StorageProvider.MaxQueuePollingInterval;
        Log.WorkerStarted(logger, WorkerId, hub.Layout.HubName, hub.Layout.PartitionCount, (hub.Layout.PartitionCount + 1) / polling.TotalSeconds);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await partitions.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (int p in dispatchers.Keys.ToList())
        {
            await OnPartitionReleasedAsync(p, leaseLost: false, cancellationToken).ConfigureAwait(false);
        }

        if (stopping is not null)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
        }

        if (activityRun is not null)
        {
            await activityRun.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.WorkerStopped(logger, WorkerId, hub.Layout.HubName);
    }

    public Task OnPartitionAcquiredAsync(int partition, CancellationToken cancellationToken)
    {
        var dispatcher = new ControlQueueDispatcher(partition, hub, processor, entities, poison, orchestratorSlots, logger);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping?.Token ?? CancellationToken.None);
        var run = Task.Run(() => dispatcher.RunAsync(stop.Token), CancellationToken.None);
        dispatchers[partition] = (dispatcher, stop, run);
        Log.PartitionStarted(logger, partition);
        return Task.CompletedTask;
    }

    public async Task OnPartitionReleasedAsync(int partition, bool leaseLost, CancellationToken cancellationToken)
    {
        if (!dispatchers.TryRemove(partition, out var d))
        {
            return;
        }

        await d.Stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await d.Run.WaitAsync(TimeSpan.FromSeconds(30), hub.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A wedged turn: its messages reappear for the next owner; nothing of ours commits after losing the ETag race.
        }

        d.Stop.Dispose();
        cache.EvictWhere(id => hub.Layout.PartitionOf(id) == partition);
        Log.PartitionStopped(logger, partition, leaseLost);
    }

    public DateTimeOffset LastProgress(int partition) =>
        dispatchers.TryGetValue(partition, out var d) ? d.Dispatcher.LastProgress : hub.TimeProvider.GetUtcNow();

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as a hosted service, so the container may dispose it twice.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (stopping is not null)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            stopping.Dispose();
        }

        await partitions.DisposeAsync().ConfigureAwait(false);
        orchestratorSlots.Dispose();
    }
}
