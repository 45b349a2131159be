namespace MediaSync.Durable;

/// <summary>What an activity knows about its invocation.</summary>
public abstract class TaskActivityContext
{
    /// <summary>The activity's name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The id of the orchestration that scheduled the activity.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Signalled when the host shuts down; an activity that stops early is run again later.</summary>
    public abstract CancellationToken CancellationToken { get; }
}
