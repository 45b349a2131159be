using MediaSync.Catalog.Model;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>A Jellyfin or Plex server as the TV sync reads it; one instance per activity run (it holds the source's credentials).</summary>
internal interface ITvServer
{
    /// <summary>The configured libraries of the source, or else every TV library the server lists.</summary>
    Task<IReadOnlyList<string>> GetTvLibraryIdsAsync(CancellationToken cancellationToken);

    /// <summary>Walks the shows of a library; with <paramref name="since"/>, only those saved since.</summary>
    IAsyncEnumerable<TvShow> GetShowsAsync(string libraryId, DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>One page of the library-wide episode listing; <paramref name="withTotal"/> on the first page only.</summary>
    Task<ItemPage<TvEpisode>> GetEpisodePageAsync(string libraryId, int start, int size, DateTimeOffset? since, bool withTotal, CancellationToken cancellationToken);

    /// <summary>The seasons of one show.</summary>
    Task<IReadOnlyList<TvSeason>> GetSeasonsAsync(string showId, CancellationToken cancellationToken);

    /// <summary>The episodes of one season.</summary>
    Task<IReadOnlyList<TvEpisode>> GetEpisodesAsync(TvSeason season, CancellationToken cancellationToken);

    /// <summary>Whether the library-wide listing honours the change filter (Plex silently ignores spellings it does not know).</summary>
    Task<bool> HonoursChangeFilterAsync(string libraryId, CancellationToken cancellationToken);
}
