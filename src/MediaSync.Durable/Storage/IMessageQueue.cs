namespace MediaSync.Durable.Storage;

/// <summary>An at-least-once queue with visibility timeouts (Azure Queue semantics).</summary>
internal interface IMessageQueue
{
    string Name { get; }

    Task CreateIfNotExistsAsync(CancellationToken cancellationToken);

    Task DeleteIfExistsAsync(CancellationToken cancellationToken);

    /// <summary>Sends a message that becomes visible after <paramref name="visibilityDelay"/>; it never expires.</summary>
    Task SendAsync(string body, TimeSpan visibilityDelay, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a message hidden for <paramref name="visibilityTimeout"/> and returns it as if the sender had received it
    /// (dequeue count 0, the send's receipt), so the sending process can handle it without a receive. Settled like a
    /// received message; if the sender never settles it, it appears to receivers once the timeout passes.
    /// </summary>
    Task<QueueMessage> SendHeldAsync(string body, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Receives up to <paramref name="maxMessages"/> (≤ 32), hiding each for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Changes a received message's visibility (and optionally its body); returns the message with its new pop receipt.</summary>
    Task<QueueMessage> UpdateAsync(QueueMessage message, TimeSpan visibilityTimeout, string? newBody, CancellationToken cancellationToken);

    /// <summary>Deletes a received message; a message already gone (or re-received by someone else) is not an error.</summary>
    Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken);

    /// <summary>Approximate number of messages, for metrics and the dashboard.</summary>
    Task<int> GetApproximateCountAsync(CancellationToken cancellationToken);
}
