namespace MediaSync.Durable.Engine;

/// <summary>One operation as an entity sees it. Its state holder starts from the batch's state so far; the processor keeps it only if the operation succeeds.</summary>
internal sealed class EntityOperationRun(string name, string? input, EntityRunContext context, string? state) : TaskEntityOperation
{
    private readonly StateHolder holder = new(state);

    public override string Name => name;

    public override TaskEntityContext Context => context;

    public override TaskEntityState State => holder;

    public override bool HasInput => input is not null;

    /// <summary>The state JSON after the operation (null: deleted).</summary>
    public string? SerializedState => holder.Json;

    public override object? GetInput(Type inputType) => DataConverter.Deserialize(input, inputType);

    private sealed class StateHolder(string? json) : TaskEntityState
    {
        public string? Json { get; private set; } = json;

        public override bool HasState => Json is not null;

        public override object? GetState(Type stateType) => Json is null ? null : DataConverter.Deserialize(Json, stateType);

        public override void SetState(object? state) => Json = DataConverter.Serialize(state);
    }
}

/// <summary>The context of one entity operation: collects the messages it sends (dropped if the operation throws).</summary>
internal sealed class EntityRunContext(EntityInstanceId id, string sourceId, int operationIndex, DateTime now) : TaskEntityContext
{
    public List<OutboundMessage> Messages { get; } = [];

    public override EntityInstanceId Id => id;

    public override void SignalEntity(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationName);
        var signalTime = options?.SignalTime?.UtcDateTime;
        Add(id.ToString(), new HistoryEvent { Type = EventType.EntityOperationSignaled, Name = operationName, Input = DataConverter.Serialize(input), FireAt = signalTime }, signalTime);
    }

#pragma warning disable MSDURABLE001 // Implementing the non-portable member.
    public override void RaiseEvent(string instanceId, string eventName, object? payload = null)
#pragma warning restore MSDURABLE001
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        Add(instanceId, new HistoryEvent { Type = EventType.EventRaised, Name = eventName, Input = DataConverter.Serialize(payload) }, null);
    }

    private void Add(string target, HistoryEvent e, DateTime? visibleAt) => Messages.Add(new OutboundMessage
    {
        VisibleAt = visibleAt,
        Envelope = new Envelope
        {
            Id = MessageIds.For(sourceId, "ops", "send", operationIndex, Messages.Count),
            InstanceId = target,
            SentAt = now,
            Event = e with { Timestamp = now },
        },
    });
}
