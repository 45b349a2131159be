namespace MediaSync.Durable.Engine;

/// <summary>What an entity's state row holds besides the common fields (durable-runtime.md §3, §7).</summary>
internal sealed record EntityData
{
    /// <summary>Pages of entities carry this execution id: an entity has no executions, only commits.</summary>
    public const string ExecutionId = "entity";

    /// <summary>The state JSON as stored (inline, or a payload-blob reference when large); null when the entity has no state.</summary>
    public string? StoredState { get; init; }

    /// <summary>The last delivered sequence number per sender execution (<c>instanceId|executionId</c>).</summary>
    public IReadOnlyDictionary<string, long> SenderSeqs { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Ids of recently consumed messages, to drop redeliveries.</summary>
    public ConsumedIdWindow Consumed { get; init; } = new();
}
