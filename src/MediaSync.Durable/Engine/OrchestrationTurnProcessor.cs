using MediaSync.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace MediaSync.Durable.Engine;

/// <summary>
/// Runs one orchestration work item: classify the received envelopes (new, duplicate, stale,
/// deferred), replay and run the turn, commit history and outbox in one transaction, then send
/// the outbox and update the index. See durable-runtime.md §4 for why this order is crash-safe.
/// </summary>
internal sealed partial class OrchestrationTurnProcessor(
    TaskHub hub,
    InstanceCache cache,
    DurableTaskRegistry registry,
    IServiceProvider services,
    ILoggerFactory loggerFactory)
{
    private static readonly TimeSpan TimerTolerance = TimeSpan.FromMilliseconds(20);
    private readonly ILogger logger = loggerFactory.CreateLogger("MediaSync.Durable.Orchestrations");

    /// <summary>Processes the envelopes of one instance; returns whether any of them must be retried later because the instance has not started.</summary>
    public async Task<TurnOutcome> ProcessAsync(string instanceId, IReadOnlyList<Envelope> envelopes, CancellationToken ct)
    {
        var record = cache.Get(instanceId) ?? await hub.Instances.LoadAsync(instanceId, ct).ConfigureAwait(false);
        try
        {
            var outcome = await ProcessLoadedAsync(instanceId, record, envelopes, ct).ConfigureAwait(false);
            return outcome;
        }
        catch (StorageConflictException)
        {
            cache.Evict(instanceId);
            Log.CommitConflict(logger, instanceId);
            return TurnOutcome.Conflict;
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
        var classified = await ClassifyAsync(instanceId, record, envelopes, now, ct).ConfigureAwait(false);
        if (classified.Start is null && classified.NewEvents.Count == 0)
        {
            return classified.Deferred ? TurnOutcome.Deferred : TurnOutcome.Done;
        }

        if (classified.Start is null && record!.State.Status == OrchestrationRuntimeStatus.Pending)
        {
            // Pending row written by a client whose start message has not arrived yet: wait for it.
            return TurnOutcome.Deferred;
        }

        var turn = RunTurn(instanceId, record, classified, now);
        await CommitAndSendAsync(instanceId, record, classified, turn, now, ct).ConfigureAwait(false);
        return classified.Deferred ? TurnOutcome.Deferred : TurnOutcome.Done;
    }

    private TurnPlan RunTurn(string instanceId, InstanceRecord? record, Classification c, DateTime now)
    {
        var started = new HistoryEvent { Type = EventType.OrchestratorStarted, Timestamp = now };
        IReadOnlyList<HistoryEvent> past;
        var incoming = new List<HistoryEvent> { started };
        string executionId;
        InstanceState baseState;
        if (c.Start is { } start)
        {
            past = [];
            incoming.Add(start.Event with { Timestamp = now });
            executionId = start.Event.ExecutionId!;
            bool samePending = record is not null && record.State.ExecutionId == executionId;
            baseState = new InstanceState
            {
                InstanceId = instanceId,
                Name = start.Event.Name!,
                ExecutionId = executionId,
                Status = OrchestrationRuntimeStatus.Running,
                CreatedAt = samePending ? record!.State.CreatedAt : now,
                Input = start.Event.Input,
                Parent = start.Event.Parent,
                CustomStatus = samePending ? record!.State.CustomStatus : null,
                CommitSeq = record?.State.CommitSeq ?? 0,
            };
        }
        else
        {
            past = record!.History.ToList();
            executionId = record.State.ExecutionId;
            baseState = record.State;
        }

        incoming.AddRange(c.NewEvents);

        TurnResult result;
        if (!registry.Orchestrators.TryGetValue(baseState.Name, out var factory))
        {
            result = new TurnResult(incoming, OrchestrationRuntimeStatus.Failed, null, new TaskFailureDetails(
                typeof(InvalidOperationException).FullName!, $"No orchestrator named '{baseState.Name}' is registered on this worker.", null, null),
                baseState.CustomStatus, false, null);
        }
        else
        {
            var runner = new OrchestrationRunner(factory(services), instanceId, baseState.Name, loggerFactory, baseState.CustomStatus);
            result = runner.Execute(past, incoming);
        }

        return new TurnPlan(executionId, baseState, result);
    }

    private async Task CommitAndSendAsync(string instanceId, InstanceRecord? record, Classification c, TurnPlan plan, DateTime now, CancellationToken ct)
    {
        var result = plan.Result;
        long seq = (record?.State.CommitSeq ?? 0) + 1;
        var outbox = BuildOutbox(instanceId, plan, record);
        bool terminal = result.Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

        var state = plan.BaseState with
        {
            Status = result.Status == OrchestrationRuntimeStatus.ContinuedAsNew ? OrchestrationRuntimeStatus.Pending : result.Status,
            LastUpdatedAt = now,
            CompletedAt = terminal ? now : null,
            Output = terminal ? result.Output : null,
            Failure = result.Failure,
            CustomStatus = result.CustomStatusChanged ? result.CustomStatus : plan.BaseState.CustomStatus,
            CommitSeq = seq,
            FirstCommitSeq = c.Start is not null ? seq : plan.BaseState.FirstCommitSeq,
        };

        IReadOnlyList<HistoryEvent> pageEvents = result.NewEvents;
        string pageExecution = plan.ExecutionId;
        IReadOnlyList<long> pagesToDelete = c.Start is not null ? record?.Pages.Select(p => p.Seq).ToList() ?? [] : [];
        if (result.ContinueAsNew is { } can)
        {
            // The next execution starts from a message to self; this execution's pages go in the same transaction.
            string nextExecution = MessageIds.ExecutionFor(instanceId, plan.ExecutionId, "continue-as-new", 0);
            outbox.Add(new OutboundMessage
            {
                Envelope = new Envelope
                {
                    Id = MessageIds.For(instanceId, plan.ExecutionId, "continue-as-new", 0),
                    InstanceId = instanceId,
                    SentAt = now,
                    Event = new HistoryEvent
                    {
                        Type = EventType.ExecutionStarted,
                        Name = plan.BaseState.Name,
                        Input = can.Input,
                        ExecutionId = nextExecution,
                        Parent = plan.BaseState.Parent,
                        CarriedEvents = can.CarriedEvents.Count > 0 ? can.CarriedEvents : null,
                        Timestamp = now,
                    },
                },
            });
            state = state with { ExecutionId = nextExecution, Input = can.Input, Output = null, Failure = null, FirstCommitSeq = seq };
            pageEvents = [];
            pageExecution = nextExecution;
            pagesToDelete = record?.Pages.Select(p => p.Seq).ToList() ?? [];
        }

        var page = new HistoryPage(seq, pageExecution, pageEvents, outbox, c.Consumed);
        var previousStatus = record?.State.Status;
        var target = record ?? new InstanceRecord { State = state };
        try
        {
            await hub.Instances.CommitAsync(target, state, page, pagesToDelete, ct).ConfigureAwait(false);
        }
        catch (StorageConflictException) when (c.Start is not null)
        {
            // The start's client wrote its Pending row after this turn loaded the instance: it sends the message before
            // that write, so a poller can take the message first. Nothing the turn did depends on that row, so the same
            // turn commits over it rather than failing and running the orchestrator's first turn a second time.
            var pending = await PendingRowOfStartAsync(instanceId, c.Start, record, ct).ConfigureAwait(false);
            if (pending is not { } row)
            {
                throw;
            }

            target.ETag = row.ETag;
            state = state with { CreatedAt = row.State.CreatedAt };
            await hub.Instances.CommitAsync(target, state, page, pagesToDelete, ct).ConfigureAwait(false);
        }

        if (c.Start is not null || result.ContinueAsNew is not null)
        {
            target.Pages.Clear();
        }

        target.Pages.Add(page);

        // The index is derived and only feeds queries: write it when what queries filter or show changed, alongside the sends.
        bool indexChanged = previousStatus is null || c.Start is not null || previousStatus != state.Status || result.CustomStatusChanged;
        var indexWrite = indexChanged ? hub.Instances.UpsertIndexAsync(state, ct) : Task.CompletedTask;
        await Task.WhenAll(SendOutboxAsync(target, page, ct), indexWrite).ConfigureAwait(false);

        if (terminal)
        {
            cache.Evict(instanceId);
            if (result.Status == OrchestrationRuntimeStatus.Failed)
            {
                Log.OrchestrationFailed(logger, instanceId, state.Name, result.Failure?.ToString() ?? "unknown");
            }
            else
            {
                Log.OrchestrationEnded(logger, instanceId, state.Name, result.Status);
            }
        }
        else
        {
            cache.Put(instanceId, target);
        }

        hub.NotifyChanged(state);
    }

    /// <summary>
    /// The instance's state row when all that changed since <paramref name="loaded"/> is the Pending row the client of
    /// <paramref name="start"/> writes (same execution, nothing committed since); otherwise null.
    /// </summary>
    private async Task<(InstanceState State, string ETag)?> PendingRowOfStartAsync(string instanceId, Envelope start, InstanceRecord? loaded, CancellationToken ct)
    {
        var now = await hub.Instances.GetStateAsync(instanceId, ct).ConfigureAwait(false);
        return now is { } row
            && row.State.Status == OrchestrationRuntimeStatus.Pending
            && row.State.ExecutionId == start.Event.ExecutionId
            && row.State.CommitSeq == (loaded?.State.CommitSeq ?? 0)
            && (loaded is null || loaded.State.ExecutionId != start.Event.ExecutionId)
            ? row
            : null;
    }

    public async Task SendOutboxAsync(InstanceRecord record, HistoryPage page, CancellationToken ct)
    {
        var activities = page.Outbox.Where(o => o.Activity is not null).Select(o => o.Activity!).ToList();
        var envelopes = page.Outbox.Where(o => o.Envelope is not null).Select(o => (o.Envelope!, o.VisibleAt)).ToList();
        await Task.WhenAll(hub.SendActivitiesAsync(activities, ct), hub.SendEnvelopesAsync(envelopes, ct)).ConfigureAwait(false);
        record.SentCommits.Add(page.Seq);
    }

    private List<OutboundMessage> BuildOutbox(string instanceId, TurnPlan plan, InstanceRecord? record)
    {
        string exec = plan.ExecutionId;
        var result = plan.Result;
        var outbox = new List<OutboundMessage>();

        // Every message this execution sends from step `eventId` gets a deterministic id, so a re-send after a crash is a duplicate.
        void Send(string kind, int eventId, string to, HistoryEvent ev, DateTime sentAt, string? toExecution = null, DateTime? visibleAt = null) =>
            outbox.Add(new OutboundMessage
            {
                VisibleAt = visibleAt,
                Envelope = new Envelope
                {
                    Id = MessageIds.For(instanceId, exec, kind, eventId),
                    InstanceId = to,
                    ExecutionId = toExecution,
                    SentAt = sentAt,
                    Event = ev,
                },
            });

        ParentReference AsParent(int eventId) => new(instanceId, exec, eventId, plan.BaseState.Name);

        foreach (var e in result.NewEvents)
        {
            switch (e.Type)
            {
                case EventType.TaskScheduled:
                    outbox.Add(new OutboundMessage { Activity = new ActivityRequest(instanceId, exec, e.EventId, e.Name!, e.Input) });
                    break;
                case EventType.TimerCreated:
                    Send("timer", e.EventId, instanceId, new HistoryEvent { Type = EventType.TimerFired, TaskScheduledId = e.EventId, FireAt = e.FireAt }, e.Timestamp, exec, e.FireAt);
                    break;
                case EventType.SubOrchestrationInstanceCreated:
                    Send("sub", e.EventId, e.InstanceId!, new HistoryEvent
                    {
                        Type = EventType.ExecutionStarted,
                        Name = e.Name,
                        Input = e.Input,
                        ExecutionId = MessageIds.ExecutionFor(instanceId, exec, "sub", e.EventId),
                        Parent = AsParent(e.EventId),
                    }, e.Timestamp);
                    break;
                case EventType.EventSent:
                    Send("event", e.EventId, e.InstanceId!, new HistoryEvent { Type = EventType.EventRaised, Name = e.Name, Input = e.Input }, e.Timestamp);
                    break;
                case EventType.EntityOperationCalled:
                case EventType.EntityOperationSignaled:
                    Send("entity", e.EventId, e.InstanceId!, new HistoryEvent
                    {
                        Type = e.Type,
                        Name = e.Name,
                        Input = e.Input,
                        FireAt = e.FireAt,
                        Seq = e.Seq,
                        Parent = AsParent(e.EventId),
                    }, e.Timestamp, visibleAt: e.FireAt);
                    break;
            }
        }

        bool terminal = result.Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
        if (terminal && plan.BaseState.Parent is { } parent)
        {
            Send("done", 0, parent.InstanceId, result.Status == OrchestrationRuntimeStatus.Completed
                ? new HistoryEvent { Type = EventType.SubOrchestrationInstanceCompleted, TaskScheduledId = parent.TaskScheduledId, Result = result.Output }
                : new HistoryEvent
                {
                    Type = EventType.SubOrchestrationInstanceFailed,
                    TaskScheduledId = parent.TaskScheduledId,
                    Failure = result.Failure ?? new TaskFailureDetails("Terminated", $"Sub-orchestration '{instanceId}' was terminated: {result.Output}", null, null),
                }, hub.UtcNow, parent.ExecutionId);
        }

        if (result.Status == OrchestrationRuntimeStatus.Terminated && result.NewEvents.Any(e => e.Type == EventType.ExecutionTerminated && e.Recursive == true))
        {
            var history = (record?.History ?? []).Concat(result.NewEvents).ToList();
            var finished = history.Where(e => e.Type is EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed)
                .Select(e => e.TaskScheduledId).ToHashSet();
            foreach (var child in history.Where(e => e.Type == EventType.SubOrchestrationInstanceCreated && !finished.Contains(e.EventId)))
            {
                Send("terminate", child.EventId, child.InstanceId!, new HistoryEvent { Type = EventType.ExecutionTerminated, Result = result.Output, Recursive = true }, hub.UtcNow);
            }
        }

        return outbox;
    }

    private sealed record TurnPlan(string ExecutionId, InstanceState BaseState, TurnResult Result);
}

/// <summary>How a work item ended for its messages.</summary>
internal enum TurnOutcome
{
    /// <summary>Everything was committed or safely dropped: delete the messages.</summary>
    Done,

    /// <summary>Some messages wait for the instance to start: keep them, retry with backoff.</summary>
    Deferred,

    /// <summary>The turn failed: retry the messages with backoff (counts towards poison).</summary>
    Retry,

    /// <summary>Another writer committed first (often a client's Pending row): retry the messages almost at once.</summary>
    Conflict,
}
