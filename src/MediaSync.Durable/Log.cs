using Microsoft.Extensions.Logging;

namespace MediaSync.Durable;

/// <summary>The runtime's log messages: stable EventIds, DTFx-like names, structured fields.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "Storage request {Method} {Host}{Path} took {ElapsedMs} ms ({Outcome})")]
    public static partial void SlowStorageRequest(ILogger logger, string method, string host, string path, long elapsedMs, string outcome);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Durable worker {WorkerId} started on hub {Hub}: {PartitionCount} partitions, idle cost about {IdleReceivesPerSecond:0.#} receives/s per host")]
    public static partial void WorkerStarted(ILogger logger, string workerId, string hub, int partitionCount, double idleReceivesPerSecond);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Durable worker {WorkerId} stopped on hub {Hub}")]
    public static partial void WorkerStopped(ILogger logger, string workerId, string hub);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Duplicate message {MessageId} ({EventType}) for {InstanceId} dropped")]
    public static partial void DuplicateMessageDetected(ILogger logger, string messageId, string eventType, string instanceId);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Stale message {MessageId} ({EventType}) for {InstanceId} dropped: {Reason}")]
    public static partial void StaleMessageDropped(ILogger logger, string messageId, string eventType, string instanceId, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Message {MessageId} for {InstanceId} deferred ({Deferrals} times): the instance has not started yet")]
    public static partial void DeferringMessage(ILogger logger, string messageId, string instanceId, int deferrals);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Message {MessageId} ({EventType}) for {InstanceId} dropped after {Age} of deferrals: the instance never started")]
    public static partial void DeferredMessageDropped(ILogger logger, string messageId, string eventType, string instanceId, TimeSpan age);

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "Poison message {MessageId} in queue {Queue} (received {DequeueCount} times): {Reason}")]
    public static partial void PoisonMessageDetected(ILogger logger, string messageId, string queue, long dequeueCount, string reason);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "Outbox of commit {CommitSeq} of {InstanceId} re-sent: a duplicate showed its sender may have died before sending")]
    public static partial void OutboxResent(ILogger logger, long commitSeq, string instanceId);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "Commit of {InstanceId} lost an ETag race (another worker committed first); its messages will be retried")]
    public static partial void CommitConflict(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Orchestration {InstanceId} ({Name}) ended {Status}")]
    public static partial void OrchestrationEnded(ILogger logger, string instanceId, string name, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Orchestration {InstanceId} ({Name}) failed: {Failure}")]
    public static partial void OrchestrationFailed(ILogger logger, string instanceId, string name, string failure);

    [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "Work item for {InstanceId} on partition {Partition} failed; its messages will be retried")]
    public static partial void WorkItemFailed(ILogger logger, Exception exception, string instanceId, int partition);

    [LoggerMessage(EventId = 31, Level = LogLevel.Error, Message = "Dispatcher of {Queue} failed to poll; retrying")]
    public static partial void PollFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Activity {Name} for {InstanceId} step {EventId} failed: {Error}")]
    public static partial void ActivityFailed(ILogger logger, string name, string instanceId, int eventId, string error);

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Partition {Partition} dispatcher started")]
    public static partial void PartitionStarted(ILogger logger, int partition);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Partition {Partition} dispatcher stopped (lease lost: {LeaseLost})")]
    public static partial void PartitionStopped(ILogger logger, int partition, bool leaseLost);

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "Operation {Operation} of entity {InstanceId} failed and was rolled back: {Error}")]
    public static partial void EntityOperationFailed(ILogger logger, string operation, string instanceId, string error);

    [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "Entity {InstanceId} delivers message #{Seq} from {Sender} although #{Expected} never arrived within the reorder window")]
    public static partial void EntityMessageGap(ILogger logger, string instanceId, long seq, string sender, long expected);

    [LoggerMessage(EventId = 52, Level = LogLevel.Debug, Message = "Entity {InstanceId} holds message #{Seq} from {Sender} until #{Expected} arrives")]
    public static partial void EntityMessageHeld(ILogger logger, string instanceId, long seq, string sender, long expected);
}
