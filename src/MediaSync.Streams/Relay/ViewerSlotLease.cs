namespace MediaSync.Streams;

/// <summary>A held viewer slot. The relay renews it every <see cref="Ttl"/>/3 while the upstream is open.</summary>
/// <param name="AccountId">The provider account whose connection it occupies.</param>
/// <param name="StreamId">The stream it was taken for.</param>
/// <param name="LeaseId">The gate's handle for renew and release.</param>
/// <param name="Ttl">How long the lease lives without renewal.</param>
internal sealed record ViewerSlotLease(string AccountId, string StreamId, string LeaseId, TimeSpan Ttl);
