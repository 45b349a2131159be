namespace MediaSync.Durable.Engine;

/// <summary>What one orchestration turn produced: events to append (incoming and newly scheduled) and, when it ended, how.</summary>
internal sealed record TurnResult(
    IReadOnlyList<HistoryEvent> NewEvents,
    OrchestrationRuntimeStatus Status,
    string? Output,
    TaskFailureDetails? Failure,
    string? CustomStatus,
    bool CustomStatusChanged,
    ContinueAsNewRequest? ContinueAsNew);

/// <summary>A request to restart the orchestration with a new input, carrying unprocessed events.</summary>
internal sealed record ContinueAsNewRequest(string? Input, IReadOnlyList<HistoryEvent> CarriedEvents);
