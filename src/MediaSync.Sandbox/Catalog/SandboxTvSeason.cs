namespace MediaSync.Sandbox;

/// <summary>A season of a TV library show.</summary>
/// <param name="ShowNumber">The owning show's number.</param>
/// <param name="SeasonNumber">The season number (1-based).</param>
/// <param name="JellyfinId">The Jellyfin <c>Id</c>.</param>
/// <param name="PlexRatingKey">The Plex <c>ratingKey</c>.</param>
/// <param name="AddedAt">When it was added.</param>
/// <param name="UpdatedAt">When it was last saved.</param>
public sealed record SandboxTvSeason(int ShowNumber, int SeasonNumber, string JellyfinId, string PlexRatingKey, DateTimeOffset AddedAt, DateTimeOffset UpdatedAt);
