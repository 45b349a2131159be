namespace MediaSync.Durable;

/// <summary>Thrown into an orchestrator when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="taskName">The failed task.</param>
    /// <param name="taskId">The EventId of the failed task.</param>
    /// <param name="failureDetails">What went wrong.</param>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The failed task's name.</summary>
    public string TaskName { get; }

    /// <summary>The failed task's EventId.</summary>
    public int TaskId { get; }

    /// <summary>What went wrong.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
