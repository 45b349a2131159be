using Microsoft.Extensions.Logging;

namespace MediaSync.Durable.Engine;

/// <summary>Sorting received envelopes into new, duplicate, stale and deferred (durable-runtime.md §4 step 3).</summary>
internal sealed partial class OrchestrationTurnProcessor
{
    private async Task<Classification> ClassifyAsync(string instanceId, InstanceRecord? record, IReadOnlyList<Envelope> envelopes, DateTime now, CancellationToken ct)
    {
        var c = new Classification();
        var consumedBy = new Dictionary<string, HistoryPage>(StringComparer.Ordinal);
        var answered = new HashSet<int>();
        bool hasStarted = false;
        if (record is not null)
        {
            foreach (var page in record.Pages)
            {
                foreach (string id in page.Consumed)
                {
                    consumedBy[id] = page;
                }

                foreach (var e in page.Events)
                {
                    if (IsCompletion(e))
                    {
                        answered.Add(e.TaskScheduledId);
                    }

                    hasStarted |= e.Type == EventType.ExecutionStarted;
                }
            }
        }

        var resent = new HashSet<long>();

        // Starts first; then the rest in the order they were sent.
        foreach (var env in envelopes.OrderBy(e => e.Event.Type == EventType.ExecutionStarted ? 0 : 1).ThenBy(e => e.SentAt))
        {
            var ev = env.Event;
            if (consumedBy.TryGetValue(env.Id, out var consumingPage) || c.Consumed.Contains(env.Id))
            {
                if (consumingPage is not null && !record!.SentCommits.Contains(consumingPage.Seq) && resent.Add(consumingPage.Seq))
                {
                    // The commit that consumed this message may have died before sending: send its outbox again (receivers drop duplicates).
                    // The index write comes after the sends, so it may be missing too.
                    await Task.WhenAll(SendOutboxAsync(record, consumingPage, ct), hub.Instances.UpsertIndexAsync(record.State, ct)).ConfigureAwait(false);
                    Log.OutboxResent(logger, consumingPage.Seq, instanceId);
                }

                Log.DuplicateMessageDetected(logger, env.Id, ev.Type.ToString(), instanceId);
                continue;
            }

            if (ev.Type == EventType.ExecutionStarted)
            {
                ClassifyStart(instanceId, record, env, hasStarted, c);
                continue;
            }

            bool startingNow = c.Start is not null;
            string? currentExecution = startingNow ? c.Start!.Event.ExecutionId : record?.State.ExecutionId;
            if (record is null && !startingNow)
            {
                c.Deferred = true;
                c.DeferredIds.Add(env.Id);
                continue;
            }

            if (env.ExecutionId is not null && env.ExecutionId != currentExecution)
            {
                Log.StaleMessageDropped(logger, env.Id, ev.Type.ToString(), instanceId, "addressed to an older execution");
                continue;
            }

            if (!startingNow && record!.State.IsTerminal)
            {
                Log.StaleMessageDropped(logger, env.Id, ev.Type.ToString(), instanceId, $"the instance is {record.State.Status}");
                continue;
            }

            if (!startingNow && record!.State.Status == OrchestrationRuntimeStatus.Pending && !hasStarted)
            {
                c.Deferred = true;
                c.DeferredIds.Add(env.Id);
                continue;
            }

            if (IsCompletion(ev) && !answered.Add(ev.TaskScheduledId))
            {
                Log.DuplicateMessageDetected(logger, env.Id, ev.Type.ToString(), instanceId);
                continue;
            }

            if (ev.Type == EventType.TimerFired && ev.FireAt is { } fireAt && fireAt > now + TimerTolerance)
            {
                // Longer than the queue's visibility cap: re-arm (invisible to history).
                answered.Remove(ev.TaskScheduledId);
                await hub.SendEnvelopesAsync([(env, fireAt)], ct).ConfigureAwait(false);
                continue;
            }

            c.NewEvents.Add(ev with { Timestamp = now });
            c.Consumed.Add(env.Id);
        }

        return c;
    }

    private void ClassifyStart(string instanceId, InstanceRecord? record, Envelope env, bool hasStarted, Classification c)
    {
        var ev = env.Event;
        bool accept;
        if (record is null)
        {
            accept = true;
        }
        else if (record.State.ExecutionId == ev.ExecutionId)
        {
            // Our own pending row (client start or ContinueAsNew), unless this execution already started.
            accept = record.State.Status == OrchestrationRuntimeStatus.Pending && !hasStarted;
        }
        else
        {
            // A client start that reached us before the client wrote its Pending row: valid only if
            // the row is still what the client saw and not running.
            accept = env.ExpectedPriorExecutionId == record.State.ExecutionId && record.State.IsTerminal;
        }

        if (!accept || c.Start is not null)
        {
            Log.StaleMessageDropped(logger, env.Id, ev.Type.ToString(), instanceId, "start of an execution that is not current");
            return;
        }

        c.Start = env;
        c.Consumed.Add(env.Id);
    }

    /// <summary>Whether the event answers a step (so a second answer is a duplicate); entity responses are EventRaised addressed to the call's step.</summary>
    private static bool IsCompletion(HistoryEvent e) => e.Type is EventType.TaskCompleted or EventType.TaskFailed or EventType.TimerFired
        or EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed
        || (e.Type == EventType.EventRaised && e.TaskScheduledId >= 0);

    private sealed class Classification
    {
        public Envelope? Start { get; set; }

        public List<HistoryEvent> NewEvents { get; } = [];

        public List<string> Consumed { get; } = [];

        public bool Deferred { get; set; }

        public HashSet<string> DeferredIds { get; } = new(StringComparer.Ordinal);
    }
}
