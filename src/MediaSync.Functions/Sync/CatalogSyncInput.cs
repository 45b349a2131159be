using MediaSync.Catalog.Storage;

namespace MediaSync.Functions.Sync;

/// <summary>What <see cref="CatalogSyncOrchestrator"/> syncs: a source id only (credentials stay in configuration).</summary>
/// <param name="SourceId">The configured source.</param>
/// <param name="Mode">Full (allows the sweep when complete) or incremental.</param>
/// <param name="Resume">Continue the source's last unfinished run, skipping the units it completed.</param>
internal sealed record CatalogSyncInput(string SourceId, SyncMode Mode = SyncMode.Full, bool Resume = false);
