using Azure;
using Azure.Storage.Queues;

namespace MediaSync.Durable.Storage.AzureStorage;

/// <summary>An Azure Storage queue holding plain UTF-8 text messages that never expire.</summary>
internal sealed class AzureMessageQueue(QueueClient client) : IMessageQueue
{
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);

    private readonly ResourceExistence existence = new("queue", client.Uri);

    public string Name => client.Name;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) =>
        existence.EnsureCreatedAsync(ct => client.CreateIfNotExistsAsync(cancellationToken: ct), cancellationToken);

    public Task DeleteIfExistsAsync(CancellationToken cancellationToken) =>
        existence.DeleteAsync(ct => client.DeleteIfExistsAsync(ct), cancellationToken);

    public async Task SendAsync(string body, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        TimeSpan? delay = visibilityDelay > TimeSpan.Zero ? CheckVisibility(visibilityDelay, nameof(visibilityDelay)) : null;
        try
        {
            await client.SendMessageAsync(body, delay, NeverExpires, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }
    }

    public async Task<QueueMessage> SendHeldAsync(string body, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            var receipt = (await client.SendMessageAsync(body, CheckVisibility(visibilityTimeout, nameof(visibilityTimeout)), NeverExpires, cancellationToken)
                .ConfigureAwait(false)).Value;
            return new QueueMessage(receipt.MessageId, receipt.PopReceipt, body, 0, receipt.InsertionTime);
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        Azure.Storage.Queues.Models.QueueMessage[] received;
        try
        {
            received = (await client.ReceiveMessagesAsync(maxMessages, CheckVisibility(visibilityTimeout, nameof(visibilityTimeout)), cancellationToken)
                .ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }

        if (received.Length == 0)
        {
            return [];
        }

        var messages = new QueueMessage[received.Length];
        for (int i = 0; i < received.Length; i++)
        {
            var m = received[i];
            messages[i] = new QueueMessage(m.MessageId, m.PopReceipt, m.Body.ToString(), m.DequeueCount, m.InsertedOn ?? default);
        }

        return messages;
    }

    public async Task<QueueMessage> UpdateAsync(QueueMessage message, TimeSpan visibilityTimeout, string? newBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var receipt = (await client.UpdateMessageAsync(
                message.MessageId,
                message.PopReceipt,
                newBody,
                CheckVisibility(visibilityTimeout, nameof(visibilityTimeout)),
                cancellationToken).ConfigureAwait(false)).Value;
            return message with { PopReceipt = receipt.PopReceipt, Body = newBody ?? message.Body };
        }
        catch (RequestFailedException ex) when (IsStaleReceipt(ex))
        {
            throw new StorageConflictException($"Message {message.MessageId} in queue {Name} is gone or was received again.", ex);
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }
    }

    public async Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (IsStaleReceipt(ex))
        {
            // Already deleted, or its visibility ran out and someone else received it: theirs to finish.
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }
    }

    public async Task<int> GetApproximateCountAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        }
        catch (Exception ex) when (AzureErrors.IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(ex);
        }
    }

    // 404 MessageNotFound when gone; 400 PopReceiptMismatch when received again since.
    private static bool IsStaleReceipt(RequestFailedException ex) =>
        ex.Status == 404 || (ex.Status == 400 && ex.ErrorCode == "PopReceiptMismatch");

    private static TimeSpan CheckVisibility(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero || value > MaxVisibility)
        {
            throw new ArgumentOutOfRangeException(name, value, "Azure queues accept visibility times from 0 to 7 days.");
        }

        // Azure counts whole seconds and the SDK truncates; rounding up never shows a message early.
        return TimeSpan.FromSeconds(Math.Ceiling(value.TotalSeconds));
    }

    private StorageUnreachableException Unreachable(Exception ex) => AzureErrors.Unreachable("queue", client.Uri, ex);
}
