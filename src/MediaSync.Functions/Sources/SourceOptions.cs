using MediaSync.Catalog.Storage;

namespace MediaSync.Functions.Sources;

/// <summary>
/// One configured source, bound from <c>Sources:{sourceId}</c> (in local.settings.json <c>Sources__{sourceId}__Kind</c>, …).
/// Which properties are required depends on <see cref="Kind"/>; <see cref="SourcesOptionsValidator"/> names what is missing.
/// </summary>
internal sealed class SourceOptions
{
    /// <summary>Gets or sets the provider kind.</summary>
    public SourceKind Kind { get; set; }

    /// <summary>Gets or sets the server's base URL (Xtream panel, Jellyfin or Plex server).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets the playlist URL of an M3U source. May embed credentials: it is treated as a secret.</summary>
    public Uri? PlaylistUrl { get; set; }

    /// <summary>Gets or sets the Xtream user name (a secret: it is part of every stream URL).</summary>
    public string? Username { get; set; }

    /// <summary>Gets or sets the Xtream password.</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets the Jellyfin API key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the Jellyfin user id (optional; library-wide listings need none).</summary>
    public string? UserId { get; set; }

    /// <summary>Gets or sets the Plex token.</summary>
    public string? Token { get; set; }

    /// <summary>Gets or sets the ids of the Jellyfin libraries / Plex sections to sync; empty = every TV library.</summary>
    public IList<string> Libraries { get; } = [];

    /// <summary>Gets or sets the NCrontab schedule of the timer-triggered sync (6 fields, seconds first); none = no timer.</summary>
    public string? Schedule { get; set; }

    /// <summary>Gets or sets the mode of the timer-triggered sync.</summary>
    public SyncMode ScheduleMode { get; set; } = SyncMode.Incremental;

    /// <summary>Gets or sets the connections the account allows when the provider does not say (0 = unlimited); Xtream reports its own.</summary>
    public int? MaxStreams { get; set; }

    /// <summary>
    /// Gets or sets the id of the Dispatcharr M3U account that wraps this xtream login (<c>Providers:Dispatcharr</c>): its
    /// <c>max_streams</c> and the connections Dispatcharr holds on it bound what stream checks may use.
    /// </summary>
    public long? DispatcharrAccountId { get; set; }

    /// <summary>Gets or sets a value indicating whether the source is synced at all.</summary>
    public bool Enabled { get; set; } = true;
}
