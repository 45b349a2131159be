using MediaSync.Durable;

namespace MediaSync.Functions.Sync;

/// <summary>What starting a source's sync did.</summary>
/// <param name="InstanceId">The source's sync instance id.</param>
/// <param name="Started">Whether a new orchestration was scheduled.</param>
/// <param name="RunningStatus">When not started: the status of the instance already running (null when a concurrent start won the race).</param>
internal sealed record SyncStartOutcome(string InstanceId, bool Started, OrchestrationRuntimeStatus? RunningStatus);
