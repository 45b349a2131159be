namespace MediaSync.Durable;

/// <summary>Options of <see cref="DurableTaskClient.ScheduleNewOrchestrationInstanceAsync"/>.</summary>
/// <param name="InstanceId">The instance id; default a new GUID.</param>
/// <param name="StartAt">Start no earlier than this time.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>
    /// Statuses of an existing instance with the same id that allow a new start (replacing it).
    /// Default: the terminal statuses, so starting an id that is still running is rejected.
    /// </summary>
    public IReadOnlyList<OrchestrationRuntimeStatus>? ReplaceableStatuses { get; init; }
}

/// <summary>Options of a terminate request.</summary>
/// <param name="Output">The output recorded for the terminated instance (the reason).</param>
/// <param name="Recursive">Also terminate running sub-orchestrations.</param>
public sealed record TerminateInstanceOptions(object? Output = null, bool Recursive = false);

/// <summary>Options of a purge.</summary>
/// <param name="Recursive">Also purge sub-orchestrations (not supported yet: children must be purged by id).</param>
public sealed record PurgeInstanceOptions(bool Recursive = false);

/// <summary>Which terminal instances to purge.</summary>
/// <param name="CreatedFrom">Created at or after.</param>
/// <param name="CreatedTo">Created before.</param>
/// <param name="Statuses">Only these (terminal) statuses; default every terminal status.</param>
public sealed record PurgeInstancesFilter(DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null, IReadOnlyList<OrchestrationRuntimeStatus>? Statuses = null);

/// <summary>The result of a purge.</summary>
/// <param name="PurgedInstanceCount">How many instances were deleted.</param>
public sealed record PurgeResult(int PurgedInstanceCount);

/// <summary>A query over instances.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only these statuses.</summary>
    public IReadOnlyList<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only ids starting with this.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Instances per page.</summary>
    /// <value>Default 100.</value>
    public int PageSize { get; init; } = 100;

    /// <summary>Also load inputs and outputs (one extra read per instance).</summary>
    public bool FetchInputsAndOutputs { get; init; }

    /// <summary>Where to continue a previous query.</summary>
    public string? ContinuationToken { get; init; }
}

/// <summary>One page of a query and where to continue.</summary>
/// <param name="Values">The instances.</param>
/// <param name="ContinuationToken">Pass back to get the next page; null when there is none.</param>
public sealed record OrchestrationQueryPage(IReadOnlyList<OrchestrationMetadata> Values, string? ContinuationToken);
