namespace MediaSync.Functions.Sync.Tv;

/// <summary>How the TV sync reads a Jellyfin or Plex library.</summary>
internal enum TvSyncStrategy
{
    /// <summary>Bulk when the server's library-wide episode listing answers with a total, else per show (decided by the first page).</summary>
    Auto,

    /// <summary>The library-wide paged episode listing: the first page gives the total, the other pages are fetched in parallel.</summary>
    Bulk,

    /// <summary>One unit per show: its seasons once, then every season's episodes in parallel.</summary>
    PerShow,
}
