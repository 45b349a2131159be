using System.Text.Json;
using MediaSync.Durable.Engine;
using MediaSync.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace MediaSync.Durable.Worker;

/// <summary>
/// Receives one partition's control queue, groups envelopes by instance, runs one work item per
/// instance or entity (bounded), and then deletes, defers or retries each message.
/// </summary>
internal sealed class ControlQueueDispatcher(
    int partition,
    TaskHub hub,
    OrchestrationTurnProcessor processor,
    EntityBatchProcessor entities,
    PoisonHandler poison,
    SemaphoreSlim orchestratorSlots,
    ILogger logger)
{
    /// <summary>Deferred messages older than this are dropped with a warning: their instance never started.</summary>
    internal static readonly TimeSpan DeferralDropAge = TimeSpan.FromMinutes(5);

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

    private readonly IMessageQueue queue = hub.ControlQueues[partition];
    private readonly List<Task> settling = [];
    private DateTimeOffset lastProgress = hub.TimeProvider.GetUtcNow();

    public int Partition => partition;

    public DateTimeOffset LastProgress => lastProgress;

    public async Task RunAsync(CancellationToken ct)
    {
        // Only this host turns the partition's messages, so it may hold many: a burst need not spill over to storage.
        var inbox = hub.OpenInbox(queue, hub.Options.StorageProvider.ControlQueueVisibilityTimeout, hub.Options.StorageProvider.ControlQueueBatchSize * 16);
        var poller = new QueuePoller(hub.WakeSignalFor(queue.Name), inbox, hub.TimeProvider, hub.Options.StorageProvider.MaxQueuePollingInterval);
        try
        {
            await PollAsync(poller, inbox, ct).ConfigureAwait(false);
        }
        finally
        {
            await hub.CloseInboxAsync(queue, inbox).ConfigureAwait(false);
        }
    }

    private async Task PollAsync(QueuePoller poller, LocalInbox? inbox, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // Messages this host sent are turned at once; storage is still received from on its own schedule.
                var local = inbox?.Take(hub.Options.StorageProvider.ControlQueueBatchSize) ?? [];
                if (local.Count > 0)
                {
                    await ProcessBatchAsync(local, ct).ConfigureAwait(false);
                    lastProgress = hub.TimeProvider.GetUtcNow();
                }

                if (!poller.ReceiveDue())
                {
                    if (local.Count == 0)
                    {
                        await poller.WaitAsync(ct).ConfigureAwait(false);
                    }

                    continue;
                }

                var messages = await queue.ReceiveAsync(
                    hub.Options.StorageProvider.ControlQueueBatchSize, hub.Options.StorageProvider.ControlQueueVisibilityTimeout, ct).ConfigureAwait(false);
                lastProgress = hub.TimeProvider.GetUtcNow();
                poller.Polled(messages.Count > 0);
                if (messages.Count == 0)
                {
                    continue;
                }

                await ProcessBatchAsync(messages, ct).ConfigureAwait(false);
                lastProgress = hub.TimeProvider.GetUtcNow();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.PollFailed(logger, ex, queue.Name);
                await PauseAfterFailureAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private async Task ProcessBatchAsync(IReadOnlyList<QueueMessage> messages, CancellationToken ct)
    {
        var parsed = new List<(QueueMessage Message, QueueBody Body)>();
        foreach (var message in messages)
        {
            QueueBody body;
            try
            {
                body = await hub.ReadBodyAsync(message, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException)
            {
                await poison.HandleUnreadableAsync(queue, message, ex.Message, ct).ConfigureAwait(false);
                continue;
            }

            if (message.DequeueCount - body.Deferrals > hub.Options.StorageProvider.MaxControlDequeueCount)
            {
                await poison.HandleControlAsync(queue, message, body, ct).ConfigureAwait(false);
                continue;
            }

            parsed.Add((message, body));
        }

        var byInstance = parsed
            .SelectMany(p => (p.Body.Envelopes ?? []).Select(e => (p.Message, Envelope: e)))
            .GroupBy(x => x.Envelope.InstanceId, StringComparer.Ordinal)
            .ToList();

        var outcomes = new Dictionary<string, TurnOutcome>(StringComparer.Ordinal);
        var work = byInstance.Select(async group =>
        {
            await orchestratorSlots.WaitAsync(ct).ConfigureAwait(false);
            TurnOutcome outcome;
            try
            {
                var envelopes = group.Select(g => g.Envelope).ToList();
                outcome = EntityInstanceId.IsEntity(group.Key)
                    ? await entities.ProcessAsync(group.Key, envelopes, ct).ConfigureAwait(false)
                    : await processor.ProcessAsync(group.Key, envelopes, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Log.WorkItemFailed(logger, ex, group.Key, partition);
                outcome = TurnOutcome.Retry;
            }
            finally
            {
                orchestratorSlots.Release();
            }

            lock (outcomes)
            {
                outcomes[group.Key] = outcome;
            }
        });
        await Task.WhenAll(work).ConfigureAwait(false);

        // Settling (mostly deletes) is off the critical path: the turns are committed, and the
        // messages stay invisible until settled, so the next receive can start at once.
        var now = hub.TimeProvider.GetUtcNow();
        var settle = Task.WhenAll(parsed.Select(p => SettleAsync(p.Message, p.Body, outcomes, now, ct)));
        lock (settling)
        {
            settling.Add(settle);
            settling.RemoveAll(t => t.IsCompleted);
        }
    }

    /// <summary>The wait before the <paramref name="attempt"/>th look at a put-back message: <paramref name="first"/>, doubling up to <paramref name="max"/>.</summary>
    private static TimeSpan Doubling(TimeSpan first, TimeSpan max, long attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(first.TotalMilliseconds * Math.Pow(2, attempt - 1), max.TotalMilliseconds));

    private static string FirstInstance(QueueBody body) => body.Envelopes is { Count: > 0 } list ? list[0].InstanceId : "?";

    private static string WithDeferrals(QueueBody body, int deferrals) => JsonSerializer.Serialize(
        body.Blob is not null ? new QueueBody { Blob = body.Blob, Deferrals = deferrals } : body with { Deferrals = deferrals },
        DataConverter.Options);

    /// <summary>Waits for pending deletes and deferrals (on shutdown).</summary>
    public Task DrainSettlingAsync()
    {
        lock (settling)
        {
            return Task.WhenAll(settling);
        }
    }

    private async Task SettleAsync(QueueMessage message, QueueBody body, Dictionary<string, TurnOutcome> outcomes, DateTimeOffset now, CancellationToken ct)
    {
        var mine = (body.Envelopes ?? []).Select(e => outcomes.GetValueOrDefault(e.InstanceId, TurnOutcome.Done)).ToList();
        try
        {
            if (mine.Contains(TurnOutcome.Conflict) && !mine.Contains(TurnOutcome.Retry))
            {
                // Lost an ETag race: nothing of ours is visible; reload and try again right away. Not a
                // failure of the message, so it is counted like a deferral, not towards poison.
                await queue.UpdateAsync(message, TimeSpan.Zero, WithDeferrals(body, body.Deferrals + 1), ct).ConfigureAwait(false);
                hub.WakeSignalFor(queue.Name).Set();
            }
            else if (mine.Contains(TurnOutcome.Retry))
            {
                // Failures count towards poison through the dequeue count; back off a little (200 ms after the first
                // receive, doubling up to 30 s).
                TimeSpan delay = Doubling(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), message.DequeueCount);
                await queue.UpdateAsync(message, delay, null, ct).ConfigureAwait(false);
            }
            else if (mine.Contains(TurnOutcome.Deferred))
            {
                if (now - message.InsertedOn > DeferralDropAge)
                {
                    foreach (var e in body.Envelopes ?? [])
                    {
                        Log.DeferredMessageDropped(logger, e.Id, e.Event.Type.ToString(), e.InstanceId, now - message.InsertedOn);
                    }

                    await queue.DeleteAsync(message, ct).ConfigureAwait(false);
                    return;
                }

                int deferrals = body.Deferrals + 1;
                TimeSpan delay = Doubling(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), deferrals);
                await queue.UpdateAsync(message, delay, WithDeferrals(body, deferrals), ct).ConfigureAwait(false);
                Log.DeferringMessage(logger, message.MessageId, FirstInstance(body), deferrals);
            }
            else
            {
                await queue.DeleteAsync(message, ct).ConfigureAwait(false);
            }
        }
        catch (StorageConflictException)
        {
            // The message was received again elsewhere (its visibility lapsed); that receiver settles it.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not settled: the message reappears after its visibility timeout and is then a duplicate.
            Log.PollFailed(logger, ex, queue.Name);
        }
        catch (OperationCanceledException)
        {
            // Shutting down; same as above.
        }
    }
}
