namespace MediaSync.Durable.Engine;

/// <summary>Entity calls and signals: durable actions like activities, stamped with a per-entity sequence number.</summary>
internal sealed partial class OrchestrationRunner
{
    /// <summary>Messages this execution sent to each entity so far; replay re-runs the same calls, so the numbers come out the same.</summary>
    private readonly Dictionary<string, long> entitySeqs = new(StringComparer.Ordinal);

    private EntityFeature? entities;

    public override TaskOrchestrationEntityFeature Entities => entities ??= new EntityFeature(this);

    private long NextEntitySeq(string entityInstanceId)
    {
        long seq = entitySeqs.GetValueOrDefault(entityInstanceId) + 1;
        entitySeqs[entityInstanceId] = seq;
        return seq;
    }

    private sealed class EntityFeature(OrchestrationRunner runner) : TaskOrchestrationEntityFeature
    {
        public override Task<TResult> CallEntityAsync<TResult>(EntityInstanceId id, string operationName, object? input = null)
        {
            runner.EnsureOrchestratorThread();
            ArgumentException.ThrowIfNullOrEmpty(operationName);
            string target = id.ToString();
            return runner.Schedule<TResult>(new HistoryEvent
            {
                Type = EventType.EntityOperationCalled,
                Name = operationName,
                InstanceId = target,
                Input = DataConverter.Serialize(input),
                Seq = runner.NextEntitySeq(target),
            });
        }

        public override Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null)
        {
            runner.EnsureOrchestratorThread();
            ArgumentException.ThrowIfNullOrEmpty(operationName);
            string target = id.ToString();
            int eventId = runner.nextEventId++;

            // Scheduled signals skip ordering (they are meant to arrive later than what follows them).
            runner.pendingActions[eventId] = new HistoryEvent
            {
                Type = EventType.EntityOperationSignaled,
                EventId = eventId,
                Name = operationName,
                InstanceId = target,
                Input = DataConverter.Serialize(input),
                FireAt = options?.SignalTime?.UtcDateTime,
                Seq = options?.SignalTime is null ? runner.NextEntitySeq(target) : null,
            };
            return Task.CompletedTask;
        }
    }
}
