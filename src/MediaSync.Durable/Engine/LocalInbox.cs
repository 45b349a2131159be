using MediaSync.Durable.Storage;

namespace MediaSync.Durable.Engine;

/// <summary>
/// Messages this process sent to a queue its own dispatcher polls, handed to that dispatcher without a storage receive:
/// a hop then costs one storage request instead of a send, a wake-up and a receive. Each message was sent hidden for
/// <see cref="VisibilityTimeout"/> with the send's receipt, so the dispatcher settles it like a received one, and should
/// this process die first, it appears to every receiver once the timeout passes.
/// </summary>
internal sealed class LocalInbox(TimeSpan visibilityTimeout, int capacity, WakeSignal wake)
{
    private readonly Lock sync = new();
    private readonly Queue<QueueMessage> messages = new();
    private int reserved;
    private bool closed;
    private bool storageHasWork;

    /// <summary>Gets how long a message handed over here stays hidden from receivers.</summary>
    public TimeSpan VisibilityTimeout => visibilityTimeout;

    /// <summary>
    /// Reserves room for one message. False when the inbox is full (its dispatcher is behind: the message is better off
    /// in storage, where any host can take it) or closed; the sender then sends as usual.
    /// </summary>
    public bool TryReserve()
    {
        lock (sync)
        {
            if (closed)
            {
                return false;
            }

            if (messages.Count + reserved >= capacity)
            {
                storageHasWork = true;
                return false;
            }

            reserved++;
            return true;
        }
    }

    /// <summary>Gives back a reservation whose send failed.</summary>
    public void CancelReservation()
    {
        lock (sync)
        {
            reserved--;
        }
    }

    /// <summary>Hands over a message sent under a reservation; false when the inbox closed meanwhile (the sender releases it).</summary>
    public bool TryPost(QueueMessage message)
    {
        lock (sync)
        {
            reserved--;
            if (closed)
            {
                return false;
            }

            messages.Enqueue(message);
        }

        wake.Set();
        return true;
    }

    /// <summary>Notes that a message for the dispatcher waits in storage (a timer this host set has come due).</summary>
    public void MarkStorageWork()
    {
        lock (sync)
        {
            storageHasWork = true;
        }

        wake.Set();
    }

    /// <summary>
    /// Whether, since the last call, a send found the inbox full (and so went to storage) or a timer came due: the
    /// dispatcher should then receive from storage now rather than on its backoff schedule.
    /// </summary>
    public bool TakeStorageWork()
    {
        lock (sync)
        {
            bool was = storageHasWork;
            storageHasWork = false;
            return was;
        }
    }

    /// <summary>Gets whether a message waits to be taken.</summary>
    public bool HasMessages
    {
        get
        {
            lock (sync)
            {
                return messages.Count > 0;
            }
        }
    }

    /// <summary>Takes up to <paramref name="max"/> messages, oldest first.</summary>
    public List<QueueMessage> Take(int max)
    {
        lock (sync)
        {
            var taken = new List<QueueMessage>(Math.Min(max, messages.Count));
            while (taken.Count < max && messages.TryDequeue(out var message))
            {
                taken.Add(message);
            }

            return taken;
        }
    }

    /// <summary>Closes the inbox and returns what was not taken, for the dispatcher to release to storage.</summary>
    public List<QueueMessage> Close()
    {
        lock (sync)
        {
            closed = true;
            var left = messages.ToList();
            messages.Clear();
            return left;
        }
    }
}
