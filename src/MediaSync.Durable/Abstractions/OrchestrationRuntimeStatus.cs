namespace MediaSync.Durable;

/// <summary>The status of an orchestration instance (numbering as in the Durable Task Framework).</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Started and not finished.</summary>
    Running = 0,

    /// <summary>Finished with an output.</summary>
    Completed = 1,

    /// <summary>Obsolete: an execution replaced by ContinueAsNew.</summary>
    ContinuedAsNew = 2,

    /// <summary>Finished with an unhandled failure.</summary>
    Failed = 3,

    /// <summary>Obsolete in Durable Functions; kept for numbering.</summary>
    Canceled = 4,

    /// <summary>Stopped by a terminate request.</summary>
    Terminated = 5,

    /// <summary>Scheduled, not yet started by a worker.</summary>
    Pending = 6,

    /// <summary>Suspended: events are recorded but withheld until resumed.</summary>
    Suspended = 7,
}
