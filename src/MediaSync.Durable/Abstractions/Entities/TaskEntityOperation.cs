namespace MediaSync.Durable;

/// <summary>One operation delivered to an entity (the Microsoft.DurableTask.Entities shape).</summary>
public abstract class TaskEntityOperation
{
    /// <summary>The operation name (match it case-insensitively).</summary>
    public abstract string Name { get; }

    /// <summary>The entity's context.</summary>
    public abstract TaskEntityContext Context { get; }

    /// <summary>The entity's state.</summary>
    public abstract TaskEntityState State { get; }

    /// <summary>Whether the operation carries an input.</summary>
    public abstract bool HasInput { get; }

    /// <summary>The input deserialized as <paramref name="inputType"/>.</summary>
    /// <param name="inputType">The type to read the input as.</param>
    public abstract object? GetInput(Type inputType);
}

/// <summary>An entity's persisted state; null (no state) means the entity does not exist.</summary>
public abstract class TaskEntityState
{
    /// <summary>Whether the entity has state.</summary>
    public abstract bool HasState { get; }

    /// <summary>The state deserialized as <paramref name="stateType"/>, or null when there is none.</summary>
    /// <param name="stateType">The type to read the state as.</param>
    public abstract object? GetState(Type stateType);

    /// <summary>Replaces the state; null deletes the entity.</summary>
    /// <param name="state">The new state.</param>
    public abstract void SetState(object? state);
}

/// <summary>Entity code: runs one operation at a time.</summary>
public interface ITaskEntity
{
    /// <summary>Runs one operation and returns its result (returned to a caller, ignored for signals).</summary>
    /// <param name="operation">The operation.</param>
    ValueTask<object?> RunAsync(TaskEntityOperation operation);
}
