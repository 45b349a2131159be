using System.Text.Json.Serialization;

namespace MediaSync.Durable.Engine;

/// <summary>
/// One message to an orchestration instance: a history event plus addressing. Ids are
/// deterministic for messages sent by orchestrations (so receivers drop re-sends) and GUIDs for
/// client messages.
/// </summary>
// IMPORTANT: wire format of queued messages; keep names stable.
internal sealed record Envelope
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("to")]
    public required string InstanceId { get; init; }

    /// <summary>The execution the message is for; null means whichever is current.</summary>
    [JsonPropertyName("eid")]
    public string? ExecutionId { get; init; }

    [JsonPropertyName("e")]
    public required HistoryEvent Event { get; init; }

    [JsonPropertyName("at")]
    public DateTime SentAt { get; init; }

    /// <summary>On a client start: the execution id the state row had when the client read it (null: no row).</summary>
    [JsonPropertyName("prior")]
    public string? ExpectedPriorExecutionId { get; init; }
}

/// <summary>An activity to run, addressed back to the orchestration execution and step that scheduled it.</summary>
internal sealed record ActivityRequest(
    [property: JsonPropertyName("to")] string InstanceId,
    [property: JsonPropertyName("eid")] string ExecutionId,
    [property: JsonPropertyName("id")] int EventId,
    [property: JsonPropertyName("n")] string Name,
    [property: JsonPropertyName("in")] string? Input);

/// <summary>The body of a queue message: envelopes for a control queue or a pack of activities, or a blob reference when large.</summary>
internal sealed record QueueBody
{
    [JsonPropertyName("m")]
    public IReadOnlyList<Envelope>? Envelopes { get; init; }

    [JsonPropertyName("a")]
    public IReadOnlyList<ActivityRequest>? Activities { get; init; }

    [JsonPropertyName("blob")]
    public string? Blob { get; init; }

    /// <summary>How often the message was deferred (abandoned on purpose); not counted as failures for poison detection.</summary>
    [JsonPropertyName("d")]
    public int Deferrals { get; init; }
}

/// <summary>A message a turn will send once its commit landed: kept in the page row as the outbox.</summary>
internal sealed record OutboundMessage
{
    [JsonPropertyName("e")]
    public Envelope? Envelope { get; init; }

    [JsonPropertyName("a")]
    public ActivityRequest? Activity { get; init; }

    /// <summary>Delivery time for timers; null means now.</summary>
    [JsonPropertyName("va")]
    public DateTime? VisibleAt { get; init; }
}
