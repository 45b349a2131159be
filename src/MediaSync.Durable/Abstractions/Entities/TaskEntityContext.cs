using System.Diagnostics.CodeAnalysis;

namespace MediaSync.Durable;

/// <summary>What an entity operation may do besides changing state. Messages are sent only when the batch commits.</summary>
public abstract class TaskEntityContext
{
    /// <summary>The entity's id.</summary>
    public abstract EntityInstanceId Id { get; }

    /// <summary>Signals an operation on an entity (one-way), optionally at a later time.</summary>
    /// <param name="id">The target entity.</param>
    /// <param name="operationName">The operation.</param>
    /// <param name="input">The operation input.</param>
    /// <param name="options">When to deliver it.</param>
    public abstract void SignalEntity(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null);

    /// <summary>
    /// Raises an event on an orchestration instance — what lets an entity wake a waiting orchestration
    /// without polling. Not part of Microsoft.DurableTask (non-portable).
    /// </summary>
    /// <param name="instanceId">The orchestration instance.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="payload">The event payload.</param>
    [Experimental("MSDURABLE001")]
    public abstract void RaiseEvent(string instanceId, string eventName, object? payload = null);
}
