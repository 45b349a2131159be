namespace MediaSync.Durable;

/// <summary>Entity operations from an orchestration; both are durable actions recorded in history.</summary>
public abstract class TaskOrchestrationEntityFeature
{
    /// <summary>Calls an operation and waits for its result; a throwing operation surfaces as <see cref="TaskFailedException"/>.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="id">The entity.</param>
    /// <param name="operationName">The operation.</param>
    /// <param name="input">The operation input.</param>
    public abstract Task<TResult> CallEntityAsync<TResult>(EntityInstanceId id, string operationName, object? input = null);

    /// <summary>Calls an operation and waits until it ran.</summary>
    /// <param name="id">The entity.</param>
    /// <param name="operationName">The operation.</param>
    /// <param name="input">The operation input.</param>
    public virtual Task CallEntityAsync(EntityInstanceId id, string operationName, object? input = null) =>
        CallEntityAsync<object?>(id, operationName, input);

    /// <summary>Signals an operation (one-way). Signals from one orchestration to one entity are delivered in the order sent.</summary>
    /// <param name="id">The entity.</param>
    /// <param name="operationName">The operation.</param>
    /// <param name="input">The operation input.</param>
    /// <param name="options">When to deliver it (a scheduled signal is not ordered with the others).</param>
    public abstract Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null);
}
