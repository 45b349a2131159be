namespace MediaSync.Sandbox;

/// <summary>An episode of a TV library show.</summary>
/// <param name="ShowNumber">The owning show's number.</param>
/// <param name="SeasonNumber">The season number.</param>
/// <param name="EpisodeNumber">The episode number within the season.</param>
/// <param name="JellyfinId">The Jellyfin <c>Id</c>.</param>
/// <param name="PlexRatingKey">The Plex <c>ratingKey</c>.</param>
/// <param name="Name">The episode title (a modified episode gets a new one).</param>
/// <param name="AddedAt">When it was added.</param>
/// <param name="UpdatedAt">When it was last saved.</param>
public sealed record SandboxTvEpisode(int ShowNumber, int SeasonNumber, int EpisodeNumber, string JellyfinId, string PlexRatingKey, string Name, DateTimeOffset AddedAt, DateTimeOffset UpdatedAt);
