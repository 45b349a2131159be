using Microsoft.Extensions.Logging;

namespace MediaSync.Durable;

/// <summary>
/// What an orchestrator may use. Every member is replay-safe: time comes from history, ids are
/// deterministic, and waiting is only ever on durable tasks returned by this context. Members must be
/// called from the orchestrator's own thread (no <c>Task.Run</c>, no <c>ConfigureAwait(false)</c>).
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator's name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The parent orchestration when this one runs as a sub-orchestration.</summary>
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>The time of the current turn, taken from history (never the wall clock).</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code runs past events again; use it to skip side effects such as logging.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The orchestration's input, deserialized as <typeparamref name="T"/>.</summary>
    public abstract T? GetInput<T>();

    /// <summary>Schedules an activity and returns its result.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity.</summary>
    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Starts a sub-orchestration and waits for it.</summary>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>A durable timer firing at <paramref name="fireAt"/> (UTC). Cancelling it completes it as canceled.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer firing after <paramref name="delay"/>.</summary>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for an external event (names are case-insensitive; events that arrived earlier are buffered in order).</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event at most <paramref name="timeout"/>; throws <see cref="TimeoutException"/> when it does not come.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Raises an event on another orchestration instance (one-way, delivered once).</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Sets the custom status (≤ 16 KB of JSON), visible to clients at the next commit.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Ends this execution and starts a new one with <paramref name="newInput"/> and fresh history.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay (UUID v5 of the instance id, the current time and a counter).</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes nothing while replaying.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>Calls and signals to durable entities.</summary>
    public abstract TaskOrchestrationEntityFeature Entities { get; }

    /// <summary>A logger that writes nothing while replaying.</summary>
    public virtual ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
