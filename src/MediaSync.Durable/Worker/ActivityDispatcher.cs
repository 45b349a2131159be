using System.Text.Json;
using MediaSync.Durable.Engine;
using MediaSync.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaSync.Durable.Worker;

/// <summary>
/// Competes for activity packs on the shared work-item queue, runs their items under the
/// per-host concurrency limit, sends the completions (packed per partition), and deletes a pack
/// once all its completions are sent. A crash re-runs the pack; duplicates are dropped by EventId.
/// </summary>
internal sealed class ActivityDispatcher(
    TaskHub hub,
    DurableTaskRegistry registry,
    IServiceProvider services,
    PoisonHandler poison,
    ILogger logger)
{
    private async Task PauseAfterFailureAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), hub.TimeProvider, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends it.
        }
    }

    private readonly SemaphoreSlim slots = new(hub.Options.MaxConcurrentActivityFunctions, hub.Options.MaxConcurrentActivityFunctions);
    private readonly List<Task> inFlight = [];
    private int pendingItems;

    public async Task RunAsync(CancellationToken ct)
    {
        var options = hub.Options.StorageProvider;
        int capacity = hub.Options.MaxConcurrentActivityFunctions;
        int batch = Math.Clamp(capacity / 2, 1, 32);
        // One receive's worth: packs beyond it go to storage, where any host can take them.
        var inbox = hub.OpenInbox(hub.WorkItems, options.WorkItemQueueVisibilityTimeout, batch);
        var poller = new QueuePoller(hub.WakeSignalFor(hub.WorkItems.Name), inbox, hub.TimeProvider, options.MaxQueuePollingInterval);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // Take more only while items are not already queued up locally beyond the concurrency limit.
                if (Volatile.Read(ref pendingItems) >= capacity * 2)
                {
                    await Task.WhenAny(SnapshotInFlight()).ConfigureAwait(false);
                    continue;
                }

                // Packs this host sent start at once; storage is still received from on its own schedule.
                var local = inbox?.Take(batch) ?? [];
                Start(local, ct);
                if (poller.ReceiveDue())
                {
                    var messages = await hub.WorkItems.ReceiveAsync(batch, options.WorkItemQueueVisibilityTimeout, ct).ConfigureAwait(false);
                    poller.Polled(messages.Count > 0);
                    Start(messages, ct);
                    if (messages.Count > 0)
                    {
                        continue;
                    }
                }

                if (local.Count == 0)
                {
                    await poller.WaitAsync(ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Log.PollFailed(logger, ex, hub.WorkItems.Name);
                await PauseAfterFailureAsync(ct).ConfigureAwait(false);
            }
        }

        await hub.CloseInboxAsync(hub.WorkItems, inbox).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(SnapshotInFlight()).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: unfinished packs reappear and run elsewhere.
        }
    }

    private void Start(IReadOnlyList<QueueMessage> messages, CancellationToken ct)
    {
        foreach (var message in messages)
        {
            var task = ProcessPackAsync(message, ct);
            lock (inFlight)
            {
                inFlight.Add(task);
            }

            _ = task.ContinueWith(
                t =>
                {
                    lock (inFlight)
                    {
                        inFlight.Remove(t);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private Task[] SnapshotInFlight()
    {
        lock (inFlight)
        {
            return inFlight.Count == 0 ? [Task.CompletedTask] : inFlight.ToArray();
        }
    }

    private async Task ProcessPackAsync(QueueMessage message, CancellationToken ct)
    {
        QueueBody body;
        try
        {
            body = await hub.ReadBodyAsync(message, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException)
        {
            await poison.HandleUnreadableAsync(hub.WorkItems, message, ex.Message, ct).ConfigureAwait(false);
            return;
        }

        var items = body.Activities ?? [];
        bool poisoned = message.DequeueCount - body.Deferrals > hub.Options.StorageProvider.MaxWorkItemDequeueCount;
        Interlocked.Add(ref pendingItems, items.Count);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var holder = new MessageHolder(message);
        var renewTask = poisoned ? Task.CompletedTask : KeepInvisibleAsync(holder, renewal.Token);
        try
        {
            var results = await Task.WhenAll(items.Select(item => poisoned
                ? Task.FromResult(Failure(item, new TaskFailureDetails(
                    "MediaSync.Durable.PoisonMessage",
                    $"Activity '{item.Name}' was abandoned after its work item was received {message.DequeueCount} times without finishing (poison message).",
                    null,
                    null)))
                : RunItemAsync(item, ct))).ConfigureAwait(false);

            await hub.SendEnvelopesAsync(results.Select(r => (r, (DateTime?)null)), ct).ConfigureAwait(false);
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewTask.ConfigureAwait(false);
            await hub.WorkItems.DeleteAsync(holder.Current, ct).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            // Lost the message to another receiver after a visibility lapse; it finishes the pack.
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the pack reappears after its visibility timeout.
        }
        catch (Exception ex)
        {
            Log.PollFailed(logger, ex, hub.WorkItems.Name);
        }
        finally
        {
            Interlocked.Add(ref pendingItems, -items.Count);
            await renewal.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task KeepInvisibleAsync(MessageHolder holder, CancellationToken ct)
    {
        var timeout = hub.Options.StorageProvider.WorkItemQueueVisibilityTimeout;
        try
        {
            while (true)
            {
                await Task.Delay(timeout / 2, hub.TimeProvider, ct).ConfigureAwait(false);
                holder.Current = await hub.WorkItems.UpdateAsync(holder.Current, timeout, null, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
        catch (StorageConflictException)
        {
            // Lost the message; the delete will notice too.
        }
    }

    private async Task<Envelope> RunItemAsync(ActivityRequest item, CancellationToken ct)
    {
        await slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!registry.Activities.TryGetValue(item.Name, out var factory))
            {
                return Failure(item, new TaskFailureDetails(
                    typeof(InvalidOperationException).FullName!, $"No activity named '{item.Name}' is registered on this worker.", null, null));
            }

            var scope = services.CreateAsyncScope();
            await using var scopeDisposal = scope.ConfigureAwait(false);
            var activity = factory(scope.ServiceProvider);
            object? input = DataConverter.Deserialize(item.Input, activity.InputType);
            object? output = await activity.RunAsync(new ActivityContext(item.Name, item.InstanceId, ct), input).ConfigureAwait(false);
            return new Envelope
            {
                Id = MessageIds.For(item.InstanceId, item.ExecutionId, "result", item.EventId),
                InstanceId = item.InstanceId,
                ExecutionId = item.ExecutionId,
                SentAt = hub.UtcNow,
                Event = new HistoryEvent { Type = EventType.TaskCompleted, TaskScheduledId = item.EventId, Result = DataConverter.Serialize(output) },
            };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Log.ActivityFailed(logger, item.Name, item.InstanceId, item.EventId, ex.Message);
            return Failure(item, TaskFailureDetails.FromException(ex));
        }
        finally
        {
            slots.Release();
        }
    }

    private Envelope Failure(ActivityRequest item, TaskFailureDetails details) => new()
    {
        Id = MessageIds.For(item.InstanceId, item.ExecutionId, "result", item.EventId),
        InstanceId = item.InstanceId,
        ExecutionId = item.ExecutionId,
        SentAt = hub.UtcNow,
        Event = new HistoryEvent { Type = EventType.TaskFailed, TaskScheduledId = item.EventId, Failure = details },
    };

    private sealed class MessageHolder(QueueMessage message)
    {
        public QueueMessage Current { get; set; } = message;
    }

    private sealed class ActivityContext(string name, string instanceId, CancellationToken ct) : TaskActivityContext
    {
        public override TaskName Name => name;

        public override string InstanceId => instanceId;

        public override CancellationToken CancellationToken => ct;
    }
}
