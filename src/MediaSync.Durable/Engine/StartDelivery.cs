using MediaSync.Durable.Storage;

namespace MediaSync.Durable.Engine;

/// <summary>
/// A start message sent but not yet handed to this host's dispatcher (see <see cref="TaskHub.SendStartAsync"/>).
/// Delivered exactly once, also when the client's start fails afterwards: the first turn then finds what it needs to
/// discard the message.
/// </summary>
internal sealed class StartDelivery(TaskHub hub, IMessageQueue queue, TimeSpan delay, LocalInbox? inbox, QueueMessage? held)
{
    private int delivered;

    public Task DeliverAsync()
    {
        if (Interlocked.Exchange(ref delivered, 1) == 1)
        {
            return Task.CompletedTask;
        }

        if (inbox is not null && held is not null)
        {
            return hub.PostOrReleaseAsync(queue, inbox, held);
        }

        if (delay == TimeSpan.Zero)
        {
            hub.WakeSignalFor(queue.Name).Set();
        }

        return Task.CompletedTask;
    }
}
