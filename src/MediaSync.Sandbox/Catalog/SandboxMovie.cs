namespace MediaSync.Sandbox;

/// <summary>An Xtream movie as the sandbox serves it.</summary>
/// <param name="StreamId">The <c>stream_id</c>.</param>
/// <param name="Name">The title (a modified movie gets a new one).</param>
/// <param name="CategoryId">The VOD category id.</param>
/// <param name="ExtraCategoryId">A second category the panel also lists it under (<c>category_ids</c>), or <see langword="null"/>.</param>
/// <param name="Added">The <c>added</c> unix time.</param>
/// <param name="ContainerExtension">The file extension (<c>mkv</c>, <c>mp4</c>, <c>avi</c>, <c>ts</c>).</param>
/// <param name="Rating">The rating, 0 when unrated.</param>
/// <param name="TmdbId">The TMDb id, or <see langword="null"/> when the panel reports none.</param>
public sealed record SandboxMovie(int StreamId, string Name, int CategoryId, int? ExtraCategoryId, long Added, string ContainerExtension, double Rating, int? TmdbId);
