using System.Collections.Concurrent;

namespace MediaSync.Streams.Tests.Support;

/// <summary>A hand-written gate that records every call and grants or refuses as told.</summary>
internal sealed class FakeViewerSlotGate : IViewerSlotGate
{
    private int leaseNumber;

    public bool Refuse { get; set; }

    public bool RenewSucceeds { get; set; } = true;

    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(1);

    public ConcurrentQueue<string> Acquired { get; } = new();

    public ConcurrentQueue<ViewerSlotLease> Renewed { get; } = new();

    public ConcurrentQueue<(ViewerSlotLease Lease, DateTimeOffset At)> Released { get; } = new();

    public int Held => Acquired.Count(a => a.StartsWith("granted", StringComparison.Ordinal)) - Released.Count;

    public ValueTask<ViewerSlotAcquisition> TryAcquireViewerAsync(string accountId, string streamId, CancellationToken cancellationToken)
    {
        if (Refuse)
        {
            Acquired.Enqueue($"refused {accountId}/{streamId}");
            return ValueTask.FromResult(ViewerSlotAcquisition.Refused($"account {accountId} uses 1 of 1 connections", TimeSpan.FromSeconds(30)));
        }

        Acquired.Enqueue($"granted {accountId}/{streamId}");
        var lease = new ViewerSlotLease(accountId, streamId, $"lease-{Interlocked.Increment(ref leaseNumber)}", Ttl);
        return ValueTask.FromResult(ViewerSlotAcquisition.Granted(lease));
    }

    public ValueTask<bool> RenewAsync(ViewerSlotLease lease, CancellationToken cancellationToken)
    {
        Renewed.Enqueue(lease);
        return ValueTask.FromResult(RenewSucceeds);
    }

    public ValueTask ReleaseAsync(ViewerSlotLease lease, CancellationToken cancellationToken)
    {
        Released.Enqueue((lease, TimeProvider.System.GetUtcNow()));
        return ValueTask.CompletedTask;
    }
}
