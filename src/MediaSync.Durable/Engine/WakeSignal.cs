namespace MediaSync.Durable.Engine;

/// <summary>
/// An auto-reset signal a poller waits on between polls, set when this process sends to its queue. One waiter at a
/// time: a Set with nobody waiting is kept for the next wait.
/// </summary>
internal sealed class WakeSignal
{
    private readonly Lock sync = new();
    private TaskCompletionSource? waiter;
    private bool signaled;

    public void Set()
    {
        TaskCompletionSource? toRelease;
        lock (sync)
        {
            if (waiter is null)
            {
                signaled = true;
                return;
            }

            toRelease = waiter;
            waiter = null;
        }

        toRelease.TrySetResult();
    }

    /// <summary>Waits until set or until <paramref name="timeout"/>; returns true when woken.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken ct)
    {
        Task wait;
        lock (sync)
        {
            if (signaled)
            {
                signaled = false;
                return true;
            }

            waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = waiter.Task;
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, timeProvider, timeoutCts.Token);
        await Task.WhenAny(wait, delay).ConfigureAwait(false);
        await timeoutCts.CancelAsync().ConfigureAwait(false);
        lock (sync)
        {
            // A waiter left behind would take the next Set: nobody would see it, and the next wait would sleep through.
            if (!wait.IsCompleted && ReferenceEquals(waiter?.Task, wait))
            {
                waiter = null;
            }
        }

        ct.ThrowIfCancellationRequested();
        return wait.IsCompleted;
    }
}
