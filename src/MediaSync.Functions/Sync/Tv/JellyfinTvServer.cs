using MediaSync.Catalog.Jellyfin;
using MediaSync.Catalog.Model;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>The TV sync's view of a Jellyfin server.</summary>
internal sealed class JellyfinTvServer(JellyfinClient client, IReadOnlyCollection<string> configuredLibraries) : ITvServer
{
    public async Task<IReadOnlyList<string>> GetTvLibraryIdsAsync(CancellationToken cancellationToken) =>
        configuredLibraries.Count > 0
            ? [.. configuredLibraries]
            : (await client.GetLibrariesAsync(cancellationToken).ConfigureAwait(false))
                .Where(l => string.Equals(l.Type, "tvshows", StringComparison.OrdinalIgnoreCase))
                .Select(l => l.Id)
                .ToList();

    public IAsyncEnumerable<TvShow> GetShowsAsync(string libraryId, DateTimeOffset? since, CancellationToken cancellationToken) =>
        client.GetSeriesAsync(libraryId, since, cancellationToken);

    public Task<ItemPage<TvEpisode>> GetEpisodePageAsync(string libraryId, int start, int size, DateTimeOffset? since, bool withTotal, CancellationToken cancellationToken) =>
        client.GetLibraryEpisodesPageAsync(libraryId, start, size, since, withTotal, cancellationToken);

    public Task<IReadOnlyList<TvSeason>> GetSeasonsAsync(string showId, CancellationToken cancellationToken) =>
        client.GetSeasonsAsync(showId, cancellationToken);

    public Task<IReadOnlyList<TvEpisode>> GetEpisodesAsync(TvSeason season, CancellationToken cancellationToken) =>
        client.GetEpisodesAsync(season.ShowId, season.Id, cancellationToken);

    // MinDateLastSaved is a server column filter in every supported version; no probe needed.
    public Task<bool> HonoursChangeFilterAsync(string libraryId, CancellationToken cancellationToken) => Task.FromResult(true);
}
