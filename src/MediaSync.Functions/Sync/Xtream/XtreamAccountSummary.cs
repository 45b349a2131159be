namespace MediaSync.Functions.Sync.Xtream;

/// <summary>What the sync takes from the Xtream account object (never the echoed credentials).</summary>
/// <param name="MaxConnections">The account's <c>max_connections</c> (or the source's <c>MaxStreams</c>); 0 = unlimited / unknown.</param>
/// <param name="ConnectionBudget">Concurrent API requests the sync may make: never above <paramref name="MaxConnections"/> when it is set.</param>
/// <param name="Status">The account status text (<c>Active</c>, <c>Expired</c>, …).</param>
internal sealed record XtreamAccountSummary(int MaxConnections, int ConnectionBudget, string? Status);
