namespace MediaSync.Sandbox;

/// <summary>A show of the TV library served by Jellyfin and Plex.</summary>
/// <param name="Number">The 1-based show number (used in counter keys).</param>
/// <param name="JellyfinId">The Jellyfin <c>Id</c> (32 hex characters).</param>
/// <param name="PlexRatingKey">The Plex <c>ratingKey</c>.</param>
/// <param name="Name">The show name.</param>
/// <param name="Year">The production year.</param>
/// <param name="TvdbId">The TVDB provider id.</param>
/// <param name="AddedAt">When it was added.</param>
/// <param name="UpdatedAt">When it was last saved (Jellyfin <c>DateLastSaved</c>, Plex <c>updatedAt</c>).</param>
public sealed record SandboxTvShow(int Number, string JellyfinId, string PlexRatingKey, string Name, int Year, string TvdbId, DateTimeOffset AddedAt, DateTimeOffset UpdatedAt);
