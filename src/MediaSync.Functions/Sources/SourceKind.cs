namespace MediaSync.Functions.Sources;

/// <summary>The kind of provider behind a configured source; decides which sync strategy runs.</summary>
internal enum SourceKind
{
    /// <summary>An Xtream Codes panel (player_api.php): live, VOD and series.</summary>
    Xtream,

    /// <summary>A plain M3U playlist URL: live channels (and whatever else the playlist lists) by group.</summary>
    M3u,

    /// <summary>A Jellyfin server: TV shows, seasons and episodes.</summary>
    Jellyfin,

    /// <summary>A Plex Media Server: TV shows, seasons and episodes.</summary>
    Plex,
}
