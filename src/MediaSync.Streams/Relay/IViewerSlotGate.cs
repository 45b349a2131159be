namespace MediaSync.Streams;

/// <summary>
/// What the relay needs from the account's connection limit (the AccountSlots entity in the app):
/// a viewer slot taken without waiting, renewed while the upstream is open, released when it closes.
/// </summary>
internal interface IViewerSlotGate
{
    /// <summary>Takes one viewer slot of <paramref name="accountId"/> for <paramref name="streamId"/>, or refuses at once when none is free.</summary>
    ValueTask<ViewerSlotAcquisition> TryAcquireViewerAsync(string accountId, string streamId, CancellationToken cancellationToken);

    /// <summary>Extends the lease by its TTL; false when the lease is gone (expired or taken away), which closes the upstream.</summary>
    ValueTask<bool> RenewAsync(ViewerSlotLease lease, CancellationToken cancellationToken);

    /// <summary>Gives the slot back. Must tolerate a lease that already expired.</summary>
    ValueTask ReleaseAsync(ViewerSlotLease lease, CancellationToken cancellationToken);
}
