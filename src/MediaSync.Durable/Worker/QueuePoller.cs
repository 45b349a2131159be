using MediaSync.Durable.Engine;

namespace MediaSync.Durable.Worker;

/// <summary>
/// When a dispatcher next receives from storage: at once after a receive that returned messages; after an empty one
/// 10 ms later, doubling with ±20 % jitter up to the maximum; and at once when this process sends to the queue through
/// storage. Messages handed over through the dispatcher's inbox do not move that schedule: they came without storage;
/// a send the inbox could not take, or a timer come due, makes a receive due at once.
/// </summary>
internal sealed class QueuePoller(WakeSignal wake, LocalInbox? inbox, TimeProvider timeProvider, TimeSpan maxInterval)
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(10);
    private TimeSpan current = MinInterval;
    private long dueAt = long.MinValue;

    /// <summary>Whether the next storage receive is due.</summary>
    public bool ReceiveDue()
    {
        if (inbox?.TakeStorageWork() == true)
        {
            MakeDue();
        }

        return timeProvider.GetTimestamp() >= dueAt;
    }

    private void MakeDue()
    {
        current = MinInterval;
        dueAt = long.MinValue;
    }

    /// <summary>Records a storage receive and whether it returned messages.</summary>
    public void Polled(bool received)
    {
        if (received)
        {
            MakeDue();
            return;
        }

        double jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        double wait = Math.Min(current.TotalSeconds * jitter, maxInterval.TotalSeconds);
        dueAt = timeProvider.GetTimestamp() + (long)(wait * timeProvider.TimestampFrequency);
        current = TimeSpan.FromMilliseconds(Math.Min(current.TotalMilliseconds * 2, maxInterval.TotalMilliseconds));
    }

    /// <summary>
    /// Waits until the next receive is due or the queue's wake signal is set. A wake that left messages in the inbox was
    /// the inbox's and leaves the schedule alone; any other wake makes a receive due at once.
    /// </summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        long now = timeProvider.GetTimestamp();
        if (now >= dueAt)
        {
            return;
        }

        var remaining = TimeSpan.FromSeconds((double)(dueAt - now) / timeProvider.TimestampFrequency);
        bool woken = await wake.WaitAsync(remaining, timeProvider, ct).ConfigureAwait(false);
        if (woken && inbox?.HasMessages != true)
        {
            MakeDue();
        }
    }
}
