using MediaSync.Catalog.Model;
using MediaSync.Catalog.Plex;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>The TV sync's view of a Plex Media Server.</summary>
internal sealed class PlexTvServer(PlexClient client, IReadOnlyCollection<string> configuredSections) : ITvServer
{
    public async Task<IReadOnlyList<string>> GetTvLibraryIdsAsync(CancellationToken cancellationToken) =>
        configuredSections.Count > 0
            ? [.. configuredSections]
            : (await client.GetSectionsAsync(cancellationToken).ConfigureAwait(false))
                .Where(s => string.Equals(s.Type, "show", StringComparison.OrdinalIgnoreCase))
                .Select(s => s.Id)
                .ToList();

    public IAsyncEnumerable<TvShow> GetShowsAsync(string libraryId, DateTimeOffset? since, CancellationToken cancellationToken) =>
        client.GetShowsAsync(libraryId, since, cancellationToken);

    public Task<ItemPage<TvEpisode>> GetEpisodePageAsync(string libraryId, int start, int size, DateTimeOffset? since, bool withTotal, CancellationToken cancellationToken) =>
        client.GetLibraryEpisodesPageAsync(libraryId, start, size, since, cancellationToken);

    public Task<IReadOnlyList<TvSeason>> GetSeasonsAsync(string showId, CancellationToken cancellationToken) =>
        client.GetSeasonsAsync(showId, cancellationToken);

    public Task<IReadOnlyList<TvEpisode>> GetEpisodesAsync(TvSeason season, CancellationToken cancellationToken) =>
        client.GetEpisodesAsync(season.Id, cancellationToken);

    public Task<bool> HonoursChangeFilterAsync(string libraryId, CancellationToken cancellationToken) =>
        client.SupportsUpdatedAtFilterAsync(libraryId, cancellationToken);
}
