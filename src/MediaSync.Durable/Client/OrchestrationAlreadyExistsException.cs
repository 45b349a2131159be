namespace MediaSync.Durable;

/// <summary>A start was rejected because an instance with that id exists in a status that may not be replaced (e.g. still running).</summary>
public sealed class OrchestrationAlreadyExistsException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="instanceId">The id.</param>
    /// <param name="status">The existing instance's status.</param>
    public OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
        : base($"An orchestration with instance id '{instanceId}' already exists and is {status}.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>The id.</summary>
    public string InstanceId { get; }

    /// <summary>The existing instance's status.</summary>
    public OrchestrationRuntimeStatus Status { get; }
}
