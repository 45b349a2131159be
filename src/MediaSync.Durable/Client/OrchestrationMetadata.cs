using MediaSync.Durable.Engine;

namespace MediaSync.Durable;

/// <summary>The state of an orchestration instance as a client sees it.</summary>
public sealed record OrchestrationMetadata
{
    /// <summary>Creates metadata.</summary>
    /// <param name="name">The orchestrator name.</param>
    /// <param name="instanceId">The instance id.</param>
    public OrchestrationMetadata(string name, string instanceId)
    {
        Name = name;
        InstanceId = instanceId;
    }

    /// <summary>The orchestrator name.</summary>
    public string Name { get; }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }

    /// <summary>The runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the current execution was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the state last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The input as JSON (only when requested).</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The output as JSON (only when requested; the reason for a terminated instance).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The custom status as JSON.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>What went wrong, for a failed instance.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Whether the instance is Running, Pending or Suspended.</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    /// <summary>Whether the instance has finished (Completed, Failed or Terminated).</summary>
    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
        or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;

    /// <summary>The input deserialized as <typeparamref name="T"/>.</summary>
    public T? ReadInputAs<T>() => DataConverter.Deserialize<T>(SerializedInput);

    /// <summary>The output deserialized as <typeparamref name="T"/>.</summary>
    public T? ReadOutputAs<T>() => DataConverter.Deserialize<T>(SerializedOutput);

    /// <summary>The custom status deserialized as <typeparamref name="T"/>.</summary>
    public T? ReadCustomStatusAs<T>() => DataConverter.Deserialize<T>(SerializedCustomStatus);
}
