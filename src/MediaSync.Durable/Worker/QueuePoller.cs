using MediaSync.Durable.Engine;

namespace MediaSync.Durable.Worker;

/// <summary>
/// Adaptive polling: poll again at once after a non-empty receive; when empty wait 10 ms, doubling
/// with ±20 % jitter up to the maximum, and wake at once when this process sends to the queue.
/// </summary>
internal sealed class QueuePoller(WakeSignal wake, TimeProvider timeProvider, TimeSpan maxInterval)
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(10);
    private TimeSpan current = MinInterval;

    public void Reset() => current = MinInterval;

    public async Task WaitAfterEmptyPollAsync(CancellationToken ct)
    {
        double jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        var wait = TimeSpan.FromMilliseconds(Math.Min(current.TotalMilliseconds * jitter, maxInterval.TotalMilliseconds));
        bool woken = await wake.WaitAsync(wait, timeProvider, ct).ConfigureAwait(false);
        current = woken ? MinInterval : TimeSpan.FromMilliseconds(Math.Min(current.TotalMilliseconds * 2, maxInterval.TotalMilliseconds));
    }
}
