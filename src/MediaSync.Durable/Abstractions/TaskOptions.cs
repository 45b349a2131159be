namespace MediaSync.Durable;

/// <summary>Options of an activity or sub-orchestration call.</summary>
public record TaskOptions
{
    /// <summary>Creates options.</summary>
    /// <param name="retry">The retry policy; null for a single attempt.</param>
    public TaskOptions(RetryPolicy? retry = null)
    {
        Retry = retry;
    }

    /// <summary>The retry policy; null for a single attempt.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>Options with a retry policy.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

/// <summary>Options of a sub-orchestration call.</summary>
public sealed record SubOrchestrationOptions : TaskOptions
{
    /// <summary>Creates options.</summary>
    /// <param name="instanceId">The child's instance id; default a deterministic new GUID.</param>
    /// <param name="retry">The retry policy.</param>
    public SubOrchestrationOptions(string? instanceId = null, RetryPolicy? retry = null)
        : base(retry)
    {
        InstanceId = instanceId;
    }

    /// <summary>The child's instance id; default a deterministic new GUID.</summary>
    public string? InstanceId { get; init; }
}
