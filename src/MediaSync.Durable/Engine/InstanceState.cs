namespace MediaSync.Durable.Engine;

/// <summary>The authoritative state of an orchestration instance (its state row).</summary>
internal sealed record InstanceState
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public required string ExecutionId { get; init; }

    public OrchestrationRuntimeStatus Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public ParentReference? Parent { get; init; }

    /// <summary>The sequence number of the last commit (page).</summary>
    public long CommitSeq { get; init; }

    /// <summary>The first page of the current execution.</summary>
    public long FirstCommitSeq { get; init; }

    /// <summary>Entity fields; null for orchestrations.</summary>
    public EntityData? Entity { get; init; }

    public bool IsTerminal => Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
        or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;
}

/// <summary>One commit of the current execution: the events it appended, the messages it sends and the message ids it consumed.</summary>
internal sealed record HistoryPage(long Seq, string ExecutionId, IReadOnlyList<HistoryEvent> Events, IReadOnlyList<OutboundMessage> Outbox, IReadOnlyList<string> Consumed);

/// <summary>An instance as loaded: state, the ETag that guards the next commit, and the current execution's pages.</summary>
internal sealed class InstanceRecord
{
    public required InstanceState State { get; set; }

    public string? ETag { get; set; }

    public List<HistoryPage> Pages { get; init; } = [];

    /// <summary>Commits whose outbox this process has sent (or re-sent) since loading.</summary>
    public HashSet<long> SentCommits { get; } = [];

    public IEnumerable<HistoryEvent> History => Pages.SelectMany(p => p.Events);
}
