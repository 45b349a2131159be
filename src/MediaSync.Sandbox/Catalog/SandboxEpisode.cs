namespace MediaSync.Sandbox;

/// <summary>An Xtream series episode as <c>get_series_info</c> serves it.</summary>
/// <param name="Id">The episode stream id (a string on the wire; it goes into the <c>/series/</c> URL).</param>
/// <param name="SeriesId">The owning series.</param>
/// <param name="Season">The season number.</param>
/// <param name="EpisodeNum">The episode number within the season.</param>
/// <param name="Title">The title.</param>
/// <param name="Added">The <c>added</c> unix time.</param>
/// <param name="ContainerExtension">The file extension.</param>
public sealed record SandboxEpisode(string Id, int SeriesId, int Season, int EpisodeNum, string Title, long Added, string ContainerExtension);
