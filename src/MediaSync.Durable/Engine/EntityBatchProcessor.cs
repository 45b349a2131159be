using MediaSync.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace MediaSync.Durable.Engine;

/// <summary>
/// Runs one entity work item (durable-runtime.md §7): drop redelivered messages, order each sender's
/// messages by sequence number (holding early ones in the queue), run every deliverable operation one at
/// a time with per-operation rollback, commit the state row once (plus a page only when there are messages
/// to send, as the redo log), then send responses, signals and events — the same protocol as orchestrations.
/// </summary>
internal sealed class EntityBatchProcessor(
    TaskHub hub,
    InstanceCache cache,
    DurableTaskRegistry registry,
    IServiceProvider services,
    ILoggerFactory loggerFactory)
{
    /// <summary>A gap in a sender's sequence is delivered anyway after this (before deferred messages are dropped, see ControlQueueDispatcher).</summary>
    internal static readonly TimeSpan ReorderWindow = TimeSpan.FromMinutes(4);

    private static readonly TimeSpan ScheduleTolerance = TimeSpan.FromMilliseconds(20);
    private readonly ILogger logger = loggerFactory.CreateLogger("MediaSync.Durable.Entities");

    public async Task<TurnOutcome> ProcessAsync(string instanceId, IReadOnlyList<Envelope> envelopes, CancellationToken ct)
    {
        try
        {
            var record = cache.Get(instanceId);
            if (record is null)
            {
                record = await hub.Instances.LoadAsync(instanceId, ct).ConfigureAwait(false);
                if (record is not null)
                {
                    await ResendUnconfirmedAsync(record, ct).ConfigureAwait(false);
                }
            }

            return await ProcessLoadedAsync(instanceId, record, envelopes, ct).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            cache.Evict(instanceId);
            Log.CommitConflict(logger, instanceId);
            return TurnOutcome.Retry;
        }
        catch
        {
            cache.Evict(instanceId);
            throw;
        }
    }

    private async Task<TurnOutcome> ProcessLoadedAsync(string instanceId, InstanceRecord? record, IReadOnlyList<Envelope> envelopes, CancellationToken ct)
    {
        var now = hub.UtcNow;
        var previous = record?.State.Entity ?? new EntityData();
        var seqs = new Dictionary<string, long>(previous.SenderSeqs, StringComparer.Ordinal);
        var consumed = previous.Consumed.Clone();
        var (deliver, held) = await SelectDeliverableAsync(instanceId, envelopes, seqs, consumed, now, ct).ConfigureAwait(false);
        if (deliver.Count == 0)
        {
            return held ? TurnOutcome.Deferred : TurnOutcome.Done;
        }

        long commitSeq = (record?.State.CommitSeq ?? 0) + 1;
        var createdAt = record?.State.CreatedAt ?? now;
        string? state = await hub.Payloads.ResolveAsync(previous.StoredState, ct).ConfigureAwait(false);
        var outbox = new List<OutboundMessage>();
        var id = EntityInstanceId.FromString(instanceId);
        registry.Entities.TryGetValue(id.Name, out var factory);
        var entity = factory?.Invoke(services);
        string sourceId = $"{instanceId}|{createdAt.UtcTicks}|{commitSeq}";
        for (int i = 0; i < deliver.Count; i++)
        {
            var env = deliver[i];
            consumed.Add(env.Id, commitSeq, now);
            var context = new EntityRunContext(id, sourceId, i, now);
            var operation = new EntityOperationRun(env.Event.Name ?? string.Empty, env.Event.Input, context, state);
            string? result = null;
            TaskFailureDetails? failure = null;
            try
            {
                if (entity is null)
                {
                    throw new InvalidOperationException($"No entity named '{id.Name}' is registered on this worker.");
                }

                result = DataConverter.Serialize(await entity.RunAsync(operation).ConfigureAwait(false));

                // Only a successful operation's state and messages count: a throwing one rolls back just itself.
                state = operation.SerializedState;
                outbox.AddRange(context.Messages);
            }
            catch (Exception ex)
            {
                failure = TaskFailureDetails.FromException(ex);
                Log.EntityOperationFailed(logger, operation.Name, instanceId, failure.ToString());
            }

            if (env.Event.Type == EventType.EntityOperationCalled && env.Event.Parent is { } caller)
            {
                outbox.Add(Response(sourceId, i, env, caller, result, failure, now));
            }
        }

        consumed.Trim(now);
        var newState = new InstanceState
        {
            InstanceId = instanceId,
            Name = id.Name,
            ExecutionId = EntityData.ExecutionId,
            Status = OrchestrationRuntimeStatus.Running,
            CreatedAt = createdAt,
            LastUpdatedAt = now,
            CommitSeq = commitSeq,
            FirstCommitSeq = 1,
            Entity = new EntityData { StoredState = state, SenderSeqs = seqs, Consumed = consumed },
        };
        var page = outbox.Count > 0 ? new HistoryPage(commitSeq, EntityData.ExecutionId, [], outbox, []) : null;
        var target = record ?? new InstanceRecord { State = newState };
        var sentPages = target.Pages.Where(p => target.SentCommits.Contains(p.Seq)).Select(p => p.Seq).ToList();
        await hub.Instances.CommitAsync(target, newState, page, sentPages, ct).ConfigureAwait(false);
        target.Pages.RemoveAll(p => sentPages.Contains(p.Seq));
        if (page is not null)
        {
            target.Pages.Add(page);
            await SendAsync(target, page, ct).ConfigureAwait(false);
        }

        cache.Put(instanceId, target);
        return held ? TurnOutcome.Deferred : TurnOutcome.Done;
    }

    /// <summary>
    /// Drops duplicates, re-arms early scheduled signals, and orders each orchestration's messages by sequence number.
    /// Returns the operations to run now (each sender's in order) and whether some must wait for an earlier one.
    /// </summary>
    private async Task<(List<Envelope> Deliver, bool Held)> SelectDeliverableAsync(
        string instanceId, IReadOnlyList<Envelope> envelopes, Dictionary<string, long> seqs, ConsumedIdWindow consumed, DateTime now, CancellationToken ct)
    {
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        var unordered = new List<Envelope>();
        var bySender = new Dictionary<string, List<Envelope>>(StringComparer.Ordinal);
        foreach (var env in envelopes.OrderBy(e => e.SentAt))
        {
            var ev = env.Event;
            if (ev.Type is not (EventType.EntityOperationCalled or EventType.EntityOperationSignaled))
            {
                Log.StaleMessageDropped(logger, env.Id, ev.Type.ToString(), instanceId, "entities only accept entity operations");
                continue;
            }

            if (consumed.Contains(env.Id) || !inBatch.Add(env.Id))
            {
                Log.DuplicateMessageDetected(logger, env.Id, ev.Type.ToString(), instanceId);
                continue;
            }

            if (ev.FireAt is { } fireAt && fireAt > now + ScheduleTolerance)
            {
                // Arrived early (the queue hides messages for a limited time): send it again for later, like timers.
                await hub.SendEnvelopesAsync([(env, fireAt)], ct).ConfigureAwait(false);
                continue;
            }

            if (ev.Seq is not null && ev.Parent is { } sender)
            {
                string key = $"{sender.InstanceId}|{sender.ExecutionId}";
                if (!bySender.TryGetValue(key, out var list))
                {
                    bySender[key] = list = [];
                }

                list.Add(env);
            }
            else
            {
                unordered.Add(env);
            }
        }

        bool held = false;
        var queues = new List<Queue<Envelope>> { new(unordered) };
        foreach (var (sender, list) in bySender)
        {
            long last = seqs.GetValueOrDefault(sender);
            var ready = new Queue<Envelope>();
            foreach (var env in list.OrderBy(e => e.Event.Seq))
            {
                long seq = env.Event.Seq!.Value;
                if (seq <= last)
                {
                    Log.DuplicateMessageDetected(logger, env.Id, env.Event.Type.ToString(), instanceId);
                    continue;
                }

                if (seq != last + 1)
                {
                    if (now - env.SentAt <= ReorderWindow)
                    {
                        Log.EntityMessageHeld(logger, instanceId, seq, sender, last + 1);
                        held = true;
                        break;
                    }

                    Log.EntityMessageGap(logger, instanceId, seq, sender, last + 1);
                }

                ready.Enqueue(env);
                last = seq;
            }

            seqs[sender] = last;
            queues.Add(ready);
        }

        // Merge by send time, keeping each sender's own order.
        var deliver = new List<Envelope>();
        while (queues.Find(q => q.Count > 0) is not null)
        {
            var next = queues.Where(q => q.Count > 0).MinBy(q => q.Peek().SentAt)!;
            deliver.Add(next.Dequeue());
        }

        return (deliver, held);
    }

    private static OutboundMessage Response(string sourceId, int index, Envelope request, ParentReference caller, string? result, TaskFailureDetails? failure, DateTime now) => new()
    {
        Envelope = new Envelope
        {
            Id = MessageIds.For(sourceId, "ops", "response", index),
            InstanceId = caller.InstanceId,
            ExecutionId = caller.ExecutionId,
            SentAt = now,

            // Named by the request id, addressed to the calling step so replay matches it like any completion.
            Event = new HistoryEvent
            {
                Type = EventType.EventRaised,
                Name = request.Id,
                TaskScheduledId = caller.TaskScheduledId,
                Result = failure is null ? result : null,
                Failure = failure,
                Timestamp = now,
            },
        },
    };

    /// <summary>A process that loaded this entity cannot know whether the last writer sent its outboxes: send them again (receivers drop duplicates).</summary>
    private async Task ResendUnconfirmedAsync(InstanceRecord record, CancellationToken ct)
    {
        foreach (var page in record.Pages)
        {
            await SendAsync(record, page, ct).ConfigureAwait(false);
            Log.OutboxResent(logger, page.Seq, record.State.InstanceId);
        }
    }

    private async Task SendAsync(InstanceRecord record, HistoryPage page, CancellationToken ct)
    {
        await hub.SendEnvelopesAsync(page.Outbox.Where(o => o.Envelope is not null).Select(o => (o.Envelope!, o.VisibleAt)), ct).ConfigureAwait(false);
        record.SentCommits.Add(page.Seq);
    }
}
