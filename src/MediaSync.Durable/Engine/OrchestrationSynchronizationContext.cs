namespace MediaSync.Durable.Engine;

/// <summary>
/// Runs orchestrator continuations on the replay thread: <see cref="Post"/> only enqueues, and the
/// engine drains the queue inline after every event it feeds, so replay is single-threaded and
/// deterministic. Posts that arrive after the turn ended are dropped (the turn's state is discarded).
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> work = new();
    private readonly Lock sync = new();

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (sync)
        {
            work.Enqueue((d, state));
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send is not supported on the orchestration thread.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued continuations until none is left.</summary>
    public void Drain()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) item;
            lock (sync)
            {
                if (!work.TryDequeue(out item))
                {
                    return;
                }
            }

            item.Callback(item.State);
        }
    }
}
