namespace MediaSync.Durable.Engine;

/// <summary>
/// A client's subscription to the states this process commits for one instance, from its registration until disposed,
/// so a waiting client sees each local commit at once and without reading it back from storage. Only the latest state
/// is kept: a waiter cares whether the instance has reached some status, not about every step on the way.
/// </summary>
internal sealed class InstanceWatch(Action<InstanceWatch> unregister) : IDisposable
{
    private readonly WakeSignal changed = new();
    private InstanceState? latest;

    /// <summary>Gets the last state committed locally since the watch began, or <see langword="null"/>.</summary>
    public InstanceState? Latest => Volatile.Read(ref latest);

    public void Publish(InstanceState state)
    {
        Volatile.Write(ref latest, state);
        changed.Set();
    }

    /// <summary>Waits until a state is published or <paramref name="timeout"/> passes; true when one was published.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken ct) => changed.WaitAsync(timeout, timeProvider, ct);

    public void Dispose() => unregister(this);
}
