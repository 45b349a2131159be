using System.Globalization;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Storage;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>How shows and episodes become catalog rows, and the unit keys of a TV run's checkpoints.</summary>
internal static class TvRows
{
    /// <summary>The Items kind of a TV show.</summary>
    public const string ShowKind = "show";

    /// <summary>The TMDb media type the enrichment looks shows up under.</summary>
    public const string TmdbTvType = "tv";

    private static readonly DateTimeOffset OldestStorable = new(1601, 1, 2, 0, 0, 0, TimeSpan.Zero);

    public static string ShowsUnit(string libraryId) => $"shows-{libraryId}";

    public static string PageUnit(string libraryId, int page) => string.Create(CultureInfo.InvariantCulture, $"page-{libraryId}-{page}");

    public static string ShowUnit(string showId) => $"show-{showId}";

    public static CatalogRow Show(string sourceId, TvShow show, int buckets)
    {
        var row = new CatalogRow(CatalogKeys.ItemsPartition(sourceId, ShowKind, show.Id, buckets), show.Id)
            .Set("Kind", ShowKind)
            .Set("Name", show.Name)
            .Set("ChangeKey", show.ChangeKey);
        if (show.Year is { } year)
        {
            row.Set("Year", year);
        }

        SetAddedAt(row, show.AddedAt);
        SetExternalIds(row, show.ProviderIds);
        if (row.GetString("TmdbId") is not null)
        {
            row.Set("TmdbType", TmdbTvType);
        }

        return row;
    }

    /// <summary>The row of an episode, or <see langword="null"/> when the server did not say which show it belongs to.</summary>
    public static CatalogRow? Episode(string sourceId, TvEpisode episode, string? showIdFallback)
    {
        string? showId = episode.ShowId ?? showIdFallback;
        if (string.IsNullOrEmpty(showId))
        {
            return null;
        }

        var row = new CatalogRow(
                CatalogKeys.EpisodesPartition(sourceId, showId),
                CatalogKeys.EpisodeRow(Math.Max(0, episode.SeasonNumber ?? 0), Math.Max(0, episode.EpisodeNumber ?? 0), episode.Id))
            .Set("Name", episode.Name)
            .Set("ShowId", showId)
            .Set("SeasonId", episode.SeasonId)
            .Set("ChangeKey", episode.ChangeKey);
        if (episode.SeasonNumber is { } season)
        {
            row.Set("Season", season);
        }

        if (episode.EpisodeNumber is { } number)
        {
            row.Set("Episode", number);
        }

        if (episode.RunTime is { } runTime)
        {
            row.Set("RunTimeSeconds", (long)runTime.TotalSeconds);
        }

        SetAddedAt(row, episode.AddedAt);
        SetExternalIds(row, episode.ProviderIds);
        return row;
    }

    private static void SetAddedAt(CatalogRow row, DateTimeOffset? addedAt)
    {
        // Servers report "0001-01-01" for unknown dates; Azure Tables cannot store those.
        if (addedAt is { } added && added >= OldestStorable)
        {
            row.Set("AddedAt", added);
        }
    }

    private static void SetExternalIds(CatalogRow row, IReadOnlyDictionary<string, string> ids)
    {
        row.Set("TmdbId", ids.GetValueOrDefault("tmdb"))
            .Set("TvdbId", ids.GetValueOrDefault("tvdb"))
            .Set("ImdbId", ids.GetValueOrDefault("imdb"));
    }
}
