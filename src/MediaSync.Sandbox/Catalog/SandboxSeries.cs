namespace MediaSync.Sandbox;

/// <summary>An Xtream series as the sandbox serves it.</summary>
/// <param name="SeriesId">The <c>series_id</c>.</param>
/// <param name="Name">The series name.</param>
/// <param name="CategoryId">The series category id.</param>
/// <param name="LastModified">The <c>last_modified</c> unix time (bumped by change sets).</param>
/// <param name="EpisodeCount">How many episodes <c>get_series_info</c> returns.</param>
/// <param name="TmdbId">The TMDb id, or <see langword="null"/>.</param>
public sealed record SandboxSeries(int SeriesId, string Name, int CategoryId, long LastModified, int EpisodeCount, int? TmdbId);
