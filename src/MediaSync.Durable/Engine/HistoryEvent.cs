using System.Text.Json.Serialization;

namespace MediaSync.Durable.Engine;

/// <summary>
/// An immutable fact in an orchestration's history (DTFx event names). One flat record keeps the
/// wire format small and versionable: each kind uses the fields it needs.
/// </summary>
// IMPORTANT: the JSON names are the persisted history format; renaming one breaks replay of stored instances.
internal sealed record HistoryEvent
{
    [JsonPropertyName("t")]
    public required EventType Type { get; init; }

    /// <summary>The id of a scheduling event (its position in the orchestrator's call order); -1 otherwise.</summary>
    [JsonPropertyName("id")]
    public int EventId { get; init; } = -1;

    /// <summary>For completions: the EventId of the scheduling event they answer.</summary>
    [JsonPropertyName("sid")]
    public int TaskScheduledId { get; init; } = -1;

    [JsonPropertyName("ts")]
    public DateTime Timestamp { get; init; }

    [JsonPropertyName("n")]
    public string? Name { get; init; }

    [JsonPropertyName("in")]
    public string? Input { get; init; }

    [JsonPropertyName("r")]
    public string? Result { get; init; }

    [JsonPropertyName("f")]
    public TaskFailureDetails? Failure { get; init; }

    [JsonPropertyName("fa")]
    public DateTime? FireAt { get; init; }

    /// <summary>Another instance: the child of a sub-orchestration, the target of a sent event.</summary>
    [JsonPropertyName("iid")]
    public string? InstanceId { get; init; }

    [JsonPropertyName("eid")]
    public string? ExecutionId { get; init; }

    [JsonPropertyName("p")]
    public ParentReference? Parent { get; init; }

    /// <summary>Events carried into a new execution by ContinueAsNew (on ExecutionStarted only).</summary>
    [JsonPropertyName("carry")]
    public IReadOnlyList<HistoryEvent>? CarriedEvents { get; init; }

    [JsonPropertyName("st")]
    public OrchestrationRuntimeStatus? Status { get; init; }

    /// <summary>On ExecutionTerminated: also terminate running sub-orchestrations.</summary>
    [JsonPropertyName("rec")]
    public bool? Recursive { get; init; }

    /// <summary>
    /// On entity operations sent by an orchestration: the position of this message among the messages
    /// the same execution sent to the same entity (1, 2, …), so the entity delivers them in order.
    /// </summary>
    [JsonPropertyName("seq")]
    public long? Seq { get; init; }
}

/// <summary>The parent of a sub-orchestration: where to report completion.</summary>
internal sealed record ParentReference(
    [property: JsonPropertyName("iid")] string InstanceId,
    [property: JsonPropertyName("eid")] string ExecutionId,
    [property: JsonPropertyName("id")] int TaskScheduledId,
    [property: JsonPropertyName("n")] string Name);

/// <summary>History event kinds (DTFx names).</summary>
// IMPORTANT: persisted as numbers; append new kinds at the end.
internal enum EventType
{
    ExecutionStarted,
    ExecutionCompleted,
    ExecutionTerminated,
    ExecutionSuspended,
    ExecutionResumed,
    OrchestratorStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    SubOrchestrationInstanceCreated,
    SubOrchestrationInstanceCompleted,
    SubOrchestrationInstanceFailed,
    EventSent,
    EventRaised,
    GenericEvent,

    /// <summary>An orchestration called an entity operation (request/response); also the request message to the entity.</summary>
    EntityOperationCalled,

    /// <summary>An orchestration, client or entity signalled an entity operation (one-way); also the signal message.</summary>
    EntityOperationSignaled,
}
