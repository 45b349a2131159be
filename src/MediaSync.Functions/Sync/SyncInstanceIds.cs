namespace MediaSync.Functions.Sync;

/// <summary>The deterministic instance ids of a source's sync: one parent per source (the singleton) and its children.</summary>
internal static class SyncInstanceIds
{
    /// <summary>The event that asks a sync (parent or child) to stop scheduling.</summary>
    public const string CancelEvent = "cancel";

    /// <summary>The parent <see cref="CatalogSyncOrchestrator"/> of a source.</summary>
    public static string Parent(string sourceId) => $"sync-{sourceId}";

    /// <summary>The TV sync child of a Jellyfin or Plex source.</summary>
    public static string Tv(string sourceId) => $"sync-{sourceId}-tv";

    /// <summary>The TMDb enrichment child.</summary>
    public static string Tmdb(string sourceId) => $"sync-{sourceId}-tmdb";

    /// <summary>Every instance that may be working for a source, parent first.</summary>
    public static IReadOnlyList<string> All(string sourceId) => [Parent(sourceId), Tv(sourceId), Tmdb(sourceId)];
}
