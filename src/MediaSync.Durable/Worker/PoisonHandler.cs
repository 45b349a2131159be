using MediaSync.Durable.Engine;
using MediaSync.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace MediaSync.Durable.Worker;

/// <summary>
/// Messages that keep failing are copied to the Poison table and removed instead of looping
/// forever, and the instance they were for is failed with a reason that names the message.
/// </summary>
internal sealed class PoisonHandler(TaskHub hub, ILogger logger)
{
    /// <summary>Unreadable messages get this many tries (a blob may have been slow to appear) before they are poisoned.</summary>
    private const int UnreadableTries = 3;

    public async Task HandleUnreadableAsync(IMessageQueue queue, QueueMessage message, string reason, CancellationToken ct)
    {
        if (message.DequeueCount < UnreadableTries)
        {
            await queue.UpdateAsync(message, TimeSpan.FromSeconds(message.DequeueCount), null, ct).ConfigureAwait(false);
            return;
        }

        await RecordAsync(queue, message, $"Unreadable message: {reason}", ct).ConfigureAwait(false);
        await queue.DeleteAsync(message, ct).ConfigureAwait(false);
    }

    public async Task HandleControlAsync(IMessageQueue queue, QueueMessage message, QueueBody body, CancellationToken ct)
    {
        string reason = $"Poison message {message.MessageId}: processing failed {message.DequeueCount - body.Deferrals} times.";
        await RecordAsync(queue, message, reason, ct).ConfigureAwait(false);
        foreach (var group in (body.Envelopes ?? []).GroupBy(e => e.InstanceId, StringComparer.Ordinal))
        {
            string kinds = string.Join(", ", group.Select(e => e.Event.Type).Distinct());
            await FailInstanceAsync(group.Key, $"{reason} It carried {kinds}.", ct).ConfigureAwait(false);
        }

        await queue.DeleteAsync(message, ct).ConfigureAwait(false);
    }

    /// <summary>Sets a running instance Failed with a direct conditional write of its state row (its history may be what is broken).</summary>
    public async Task FailInstanceAsync(string instanceId, string reason, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var current = await hub.Instances.GetStateAsync(instanceId, ct).ConfigureAwait(false);
            if (current is not { } found || found.State.IsTerminal)
            {
                return;
            }

            var now = hub.TimeProvider.GetUtcNow();
            var failed = found.State with
            {
                Status = OrchestrationRuntimeStatus.Failed,
                Failure = new TaskFailureDetails("MediaSync.Durable.PoisonMessage", reason, null, null),
                LastUpdatedAt = now,
                CompletedAt = now,
            };
            try
            {
                await hub.Instances.WriteStateOnlyAsync(failed, found.ETag, ct).ConfigureAwait(false);
                await hub.Instances.UpsertIndexAsync(failed, ct).ConfigureAwait(false);
                hub.NotifyChanged(failed);
                return;
            }
            catch (StorageConflictException)
            {
                // Someone committed meanwhile; look again.
            }
        }
    }

    private async Task RecordAsync(IMessageQueue queue, QueueMessage message, string reason, CancellationToken ct)
    {
        Log.PoisonMessageDetected(logger, message.MessageId, queue.Name, message.DequeueCount, reason);
        var row = new TableRow(queue.Name, message.MessageId)
        {
            ["Reason"] = reason,
            ["DequeueCount"] = message.DequeueCount,
            ["InsertedOn"] = message.InsertedOn,
            ["Body"] = message.Body.Length <= 30_000 ? message.Body : message.Body[..30_000],
        };
        await hub.Poison.ExecuteBatchAsync([TableOperation.Upsert(row)], ct).ConfigureAwait(false);
    }
}
