namespace MediaSync.Catalog.Model;

/// <summary>The answer to <c>get_series_info</c>: seasons as listed plus episodes grouped by season number.</summary>
internal sealed record SeriesDetails(
    string SeriesId,
    string? Name,
    IReadOnlyList<SeriesSeason> Seasons,
    IReadOnlyDictionary<int, IReadOnlyList<SeriesEpisode>> EpisodesBySeason)
{
    /// <summary>Gets every episode, ordered by season then episode number.</summary>
    public IEnumerable<SeriesEpisode> AllEpisodes =>
        EpisodesBySeason.OrderBy(s => s.Key).SelectMany(s => s.Value.OrderBy(e => e.EpisodeNumber ?? int.MaxValue));
}
