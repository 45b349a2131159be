namespace MediaSync.Durable.Engine;

/// <summary>Feeding events and ending the turn.</summary>
internal sealed partial class OrchestrationRunner
{
    private void Apply(HistoryEvent e)
    {
        switch (e.Type)
        {
            case EventType.OrchestratorStarted:
                currentUtc = e.Timestamp;
                return;
            case EventType.ExecutionStarted:
                Start(e);
                break;
            case EventType.TaskScheduled:
            case EventType.TimerCreated:
            case EventType.SubOrchestrationInstanceCreated:
            case EventType.EventSent:
            case EventType.EntityOperationCalled:
            case EventType.EntityOperationSignaled:
                MatchScheduled(e);
                return;
            case EventType.ExecutionSuspended:
                suspended = true;
                return;
            case EventType.ExecutionResumed:
                suspended = false;
                foreach (var withheld in withheldEvents.ToList())
                {
                    withheldEvents.Remove(withheld);
                    Deliver(withheld);
                    syncContext.Drain();
                }

                return;
            case EventType.ExecutionTerminated:
                terminated = e;
                return;
            default:
                if (suspended)
                {
                    withheldEvents.Add(e);
                    return;
                }

                Deliver(e);
                break;
        }

        syncContext.Drain();
    }

    private void Start(HistoryEvent e)
    {
        name = e.Name ?? name;
        serializedInput = e.Input;
        parent = e.Parent is null ? null : new ParentOrchestrationInstance(e.Parent.Name, e.Parent.InstanceId);
        try
        {
            input = DataConverter.Deserialize(e.Input, orchestrator.InputType);
            orchestratorTask = orchestrator.RunAsync(this, input);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidCastException)
        {
            orchestratorTask = Task.FromException<object?>(new ArgumentException(
                $"The input of orchestration '{instanceId}' could not be read as {orchestrator.InputType.Name}: {ex.Message}", ex));
        }

        foreach (var carried in e.CarriedEvents ?? [])
        {
            syncContext.Drain();
            Deliver(carried);
        }
    }

    private void MatchScheduled(HistoryEvent e)
    {
        if (!pendingActions.Remove(e.EventId, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{name}' ({instanceId}): history has {e.Type} '{e.Name}' at step #{e.EventId}, " +
                "but the orchestrator code did not schedule it on replay.");
        }

        if (action.Type != e.Type || !string.Equals(action.Name, e.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{name}' ({instanceId}) at step #{e.EventId}: history has {e.Type} '{e.Name}', " +
                $"the code now schedules {action.Type} '{action.Name}'.");
        }
    }

    private void Deliver(HistoryEvent e)
    {
        switch (e.Type)
        {
            case EventType.TaskCompleted:
            case EventType.TimerFired:
            case EventType.SubOrchestrationInstanceCompleted:
                if (openTasks.Remove(e.TaskScheduledId, out var done))
                {
                    done.Source.TrySetResult(e.Result);
                }

                break;
            case EventType.TaskFailed:
            case EventType.SubOrchestrationInstanceFailed:
                if (openTasks.Remove(e.TaskScheduledId, out var failed))
                {
                    var details = e.Failure ?? new TaskFailureDetails("Unknown", "The task failed without details.", null, null);
                    failed.Source.TrySetException(new TaskFailedException(failed.Action.Name ?? "?", e.TaskScheduledId, details));
                }

                break;
            case EventType.EventRaised when e.TaskScheduledId >= 0:
                // The response to an entity call: addressed to the call's step, like a task completion.
                if (openTasks.Remove(e.TaskScheduledId, out var called))
                {
                    if (e.Failure is { } failure)
                    {
                        called.Source.TrySetException(new TaskFailedException(called.Action.Name ?? "?", e.TaskScheduledId, failure));
                    }
                    else
                    {
                        called.Source.TrySetResult(e.Result);
                    }
                }

                break;
            case EventType.EventRaised:
                if (e.Name is not null && waiters.TryGetValue(e.Name, out var list) && list.First is { } first)
                {
                    list.RemoveFirst();
                    first.Value.Source.TrySetResult(e.Input);
                }
                else
                {
                    bufferedEvents.Add(e);
                }

                break;
        }
    }

    private TurnResult Finish()
    {
        if (terminated is not null)
        {
            return End(OrchestrationRuntimeStatus.Terminated, terminated.Result, null);
        }

        if (orchestratorTask is null)
        {
            return End(OrchestrationRuntimeStatus.Pending, null, null);
        }

        // Actions scheduled in this turn become history (and outbound messages), also when the orchestrator just returned.
        foreach (var action in pendingActions.Values)
        {
            newEvents.Add(action with { Timestamp = currentUtc });
        }

        pendingActions.Clear();

        if (orchestratorTask.IsCompleted)
        {
            if (orchestratorTask.IsFaulted)
            {
                var ex = orchestratorTask.Exception!.InnerExceptions.Count == 1 ? orchestratorTask.Exception.InnerException! : orchestratorTask.Exception;
                return Failed(TaskFailureDetails.FromException(ex));
            }

            if (orchestratorTask.IsCanceled)
            {
                return Failed(new TaskFailureDetails(typeof(TaskCanceledException).FullName!, "The orchestrator's task was canceled.", null, null));
            }

            if (continueAsNew is { } can)
            {
                var carried = can.PreserveUnprocessedEvents ? bufferedEvents.Concat(withheldEvents).ToList() : [];
                return new TurnResult(newEvents, OrchestrationRuntimeStatus.ContinuedAsNew, null, null, customStatus, customStatusChanged, new ContinueAsNewRequest(can.Input, carried));
            }

            return End(OrchestrationRuntimeStatus.Completed, DataConverter.Serialize(orchestratorTask.Result), null);
        }

        if (openTasks.Count == 0 && !waiters.Values.Any(l => l.Count > 0) && !suspended)
        {
            return Failed(new TaskFailureDetails(
                typeof(InvalidOperationException).FullName!,
                $"Orchestrator '{name}' ({instanceId}) awaited a non-durable task (Task.Delay, I/O, Task.Run, a lock...). " +
                "Orchestrators may only await tasks returned by the orchestration context.",
                null,
                null));
        }

        return new TurnResult(newEvents, suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running, null, null, customStatus, customStatusChanged, null);
    }

    private TurnResult Failed(TaskFailureDetails failure) => End(OrchestrationRuntimeStatus.Failed, null, failure);

    private TurnResult End(OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure) =>
        new(newEvents, status, output, failure, customStatus, customStatusChanged, null);
}
