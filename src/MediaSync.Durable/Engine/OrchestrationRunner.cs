// IMPORTANT: orchestrator-side awaits must resume on the replay thread's synchronization context,
// so ConfigureAwait(false) (CA2007) is deliberately not used in this file.
#pragma warning disable CA2007
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaSync.Durable.Engine;

/// <summary>
/// Replays an orchestration's history and runs its new events: the context orchestrator code sees.
/// One runner serves one turn: past events are fed with <see cref="IsReplaying"/> true, new events
/// with false, continuations drained on the private synchronization context after every event.
/// </summary>
internal sealed partial class OrchestrationRunner : TaskOrchestrationContext
{
    [ThreadStatic]
    private static OrchestrationRunner? current;

    private readonly ITaskOrchestrator orchestrator;
    private readonly ILoggerFactory loggerFactory;
    private readonly OrchestrationSynchronizationContext syncContext = new();
    private readonly SortedDictionary<int, HistoryEvent> pendingActions = [];
    private readonly Dictionary<int, OpenTask> openTasks = [];
    private readonly Dictionary<string, LinkedList<EventWaiter>> waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> bufferedEvents = [];
    private readonly List<HistoryEvent> withheldEvents = [];
    private readonly List<HistoryEvent> newEvents = [];

    private readonly string instanceId;
    private TaskName name;
    private ParentOrchestrationInstance? parent;
    private string? serializedInput;
    private object? input;
    private int nextEventId;
    private int guidCounter;
    private DateTime currentUtc;
    private bool isReplaying;
    private bool suspended;
    private Task<object?>? orchestratorTask;
    private ContinueAsNewState? continueAsNew;
    private string? customStatus;
    private bool customStatusChanged;
    private HistoryEvent? terminated;

    public OrchestrationRunner(ITaskOrchestrator orchestrator, string instanceId, TaskName name, ILoggerFactory? loggerFactory, string? previousCustomStatus)
    {
        this.orchestrator = orchestrator;
        this.instanceId = instanceId;
        this.name = name;
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        customStatus = previousCustomStatus;
    }

    public override TaskName Name => name;

    public override string InstanceId => instanceId;

    public override ParentOrchestrationInstance? Parent => parent;

    public override DateTime CurrentUtcDateTime => currentUtc;

    public override bool IsReplaying => isReplaying;

    /// <summary>Replays <paramref name="past"/>, runs <paramref name="incoming"/>, and returns what the turn produced.</summary>
    public TurnResult Execute(IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> incoming)
    {
        var previousContext = SynchronizationContext.Current;
        var previousRunner = current;
        SynchronizationContext.SetSynchronizationContext(syncContext);
        current = this;
        try
        {
            isReplaying = true;
            foreach (var e in past)
            {
                Apply(e);
            }

            isReplaying = false;
            foreach (var e in incoming)
            {
                newEvents.Add(e);
                Apply(e);
            }

            return Finish();
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            return Failed(TaskFailureDetails.FromException(ex));
        }
        finally
        {
            current = previousRunner;
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }
    }

    public override T? GetInput<T>()
        where T : default
    {
        EnsureOrchestratorThread();
        return input is T t ? t : DataConverter.Deserialize<T>(serializedInput);
    }

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        EnsureOrchestratorThread();
        string? json = DataConverter.Serialize(input);
        return WithRetry(options?.Retry, () => Schedule<TResult>(new HistoryEvent
        {
            Type = EventType.TaskScheduled,
            EventId = nextEventId,
            Name = name.Name,
            Input = json,
        }));
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        EnsureOrchestratorThread();
        string? json = DataConverter.Serialize(input);
        string? fixedChildId = (options as SubOrchestrationOptions)?.InstanceId;
        return WithRetry(options?.Retry, () => Schedule<TResult>(new HistoryEvent
        {
            Type = EventType.SubOrchestrationInstanceCreated,
            EventId = nextEventId,
            Name = orchestratorName.Name,
            Input = json,
            InstanceId = fixedChildId ?? NewGuid().ToString("N"),
        }));
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        EnsureOrchestratorThread();
        int id = nextEventId;
        var task = Schedule<object?>(new HistoryEvent
        {
            Type = EventType.TimerCreated,
            EventId = id,
            FireAt = DateTime.SpecifyKind(fireAt, DateTimeKind.Utc),
        });
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (openTasks.Remove(id, out var open))
                {
                    open.Source.TrySetCanceled(cancellationToken);
                }
            });
        }

        return task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        EnsureOrchestratorThread();
        int buffered = bufferedEvents.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (buffered >= 0)
        {
            var e = bufferedEvents[buffered];
            bufferedEvents.RemoveAt(buffered);
            return Task.FromResult(DataConverter.Deserialize<T>(e.Input)!);
        }

        var waiter = new EventWaiter(new TaskCompletionSource<string?>());
        if (!waiters.TryGetValue(eventName, out var list))
        {
            waiters[eventName] = list = new LinkedList<EventWaiter>();
        }

        var node = list.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                    waiter.Source.TrySetCanceled(cancellationToken);
                }
            });
        }

        return Convert<T>(waiter.Source.Task);
    }

    public override async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        EnsureOrchestratorThread();
        if (bufferedEvents.Exists(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase)))
        {
            return await WaitForExternalEvent<T>(eventName, cancellationToken);
        }

        using var timerCancel = new CancellationTokenSource();
        using var waitCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var eventTask = WaitForExternalEvent<T>(eventName, waitCancel.Token);
        var timerTask = CreateTimer(CurrentUtcDateTime.Add(timeout), timerCancel.Token);
        var winner = await Task.WhenAny(eventTask, timerTask);
        if (winner == eventTask)
        {
            timerCancel.Cancel();
            return await eventTask;
        }

        waitCancel.Cancel();
        throw new TimeoutException($"Event '{eventName}' did not arrive within {timeout}.");
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        EnsureOrchestratorThread();
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        int id = nextEventId++;
        pendingActions[id] = new HistoryEvent
        {
            Type = EventType.EventSent,
            EventId = id,
            Name = eventName,
            InstanceId = instanceId,
            Input = DataConverter.Serialize(payload),
        };
    }

    public override void SetCustomStatus(object? customStatus)
    {
        EnsureOrchestratorThread();
        string? json = DataConverter.Serialize(customStatus);
        if (json is { Length: > 8 * 1024 })
        {
            // 16 KB of UTF-16 is Durable Functions' limit; fail in the orchestrator where the caller can see it.
            throw new ArgumentException($"Custom status is {json.Length} characters; at most 8,192 (16 KB UTF-16) are allowed.", nameof(customStatus));
        }

        this.customStatus = json;
        customStatusChanged = true;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        EnsureOrchestratorThread();
        continueAsNew = new ContinueAsNewState(DataConverter.Serialize(newInput), preserveUnprocessedEvents);
    }

    public override Guid NewGuid()
    {
        EnsureOrchestratorThread();
        string nameValue = string.Concat(
            instanceId,
            "_",
            CurrentUtcDateTime.ToString("o", CultureInfo.InvariantCulture),
            "_",
            guidCounter.ToString(CultureInfo.InvariantCulture));
        guidCounter++;
        return DeterministicGuid.Create(DeterministicGuid.OrchestrationNamespace, nameValue);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, loggerFactory.CreateLogger(categoryName));

    private static async Task<T> Convert<T>(Task<string?> raw) => DataConverter.Deserialize<T>(await raw)!;

    private void EnsureOrchestratorThread()
    {
        if (!ReferenceEquals(current, this))
        {
            throw new InvalidOperationException(
                $"The orchestration context of '{instanceId}' was used from another thread. Orchestrator code must stay on " +
                "its own thread: no Task.Run, no ConfigureAwait(false), no timers or callbacks that call the context.");
        }
    }

    private Task<T> Schedule<T>(HistoryEvent action)
    {
        int id = nextEventId++;
        action = action with { EventId = id };
        pendingActions[id] = action;
        var open = new OpenTask(action, new TaskCompletionSource<string?>());
        openTasks[id] = open;
        return Convert<T>(open.Source.Task);
    }

    private async Task<T> WithRetry<T>(RetryPolicy? policy, Func<Task<T>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        DateTime firstAttempt = CurrentUtcDateTime;
        for (int n = 1; ; n++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException ex) when (n < policy.MaxNumberOfAttempts && (policy.HandleFailure?.Invoke(ex.FailureDetails) ?? true))
            {
                TimeSpan delay = policy.DelayBefore(n + 1);
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && CurrentUtcDateTime + delay >= firstAttempt + policy.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(CurrentUtcDateTime + delay, CancellationToken.None);
            }
        }
    }

    private sealed record OpenTask(HistoryEvent Action, TaskCompletionSource<string?> Source);

    private sealed record EventWaiter(TaskCompletionSource<string?> Source);

    private sealed record ContinueAsNewState(string? Input, bool PreserveUnprocessedEvents);
}
