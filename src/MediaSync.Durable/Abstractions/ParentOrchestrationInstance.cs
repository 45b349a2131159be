namespace MediaSync.Durable;

/// <summary>The orchestration that started this one as a sub-orchestration.</summary>
/// <param name="Name">The parent's orchestrator name.</param>
/// <param name="InstanceId">The parent's instance id.</param>
public sealed record ParentOrchestrationInstance(TaskName Name, string InstanceId);
