using System.Globalization;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Storage;

namespace MediaSync.Functions.Sync.Xtream;

/// <summary>
/// Catalog rows of an Xtream source in the layout of architecture.md. Only what the provider says goes into a row
/// (never credentials or stream URLs, which embed them), so an unchanged item hashes the same in every run.
/// </summary>
internal static class XtreamRows
{
    /// <summary>Items partitions per source and kind (fixed: changing it would move every row).</summary>
    public const int ItemBuckets = 64;

    public static CatalogRow Category(string sourceId, CatalogCategory category) =>
        new CatalogRow(CatalogKeys.CategoriesPartition(sourceId), CatalogKeys.CategoryRow(XtreamKinds.Name(category.Kind), category.Id))
            .Set("Kind", XtreamKinds.Name(category.Kind))
            .Set("CategoryId", category.Id)
            .Set("Name", category.Name)
            .Set("ParentId", category.ParentId);

    public static CatalogRow Item(string sourceId, CatalogItem item)
    {
        string kind = XtreamKinds.Name(item.Kind);
        // Bucketed by the item's own (primary) category: a category unit then reads the stored hashes of one partition
        // and writes whole transactions into it, instead of touching every bucket of the kind. An item that moves to
        // another category gets a new row; the old one is swept after the next complete full run.
        var row = new CatalogRow(CatalogKeys.ItemsPartition(sourceId, kind, item.CategoryId ?? item.ProviderId, ItemBuckets), item.ProviderId)
            .Set("Kind", kind)
            .Set("Name", item.Name)
            .Set("CategoryId", item.CategoryId)
            .Set("CategoryIds", item.CategoryIds.Count > 0 ? string.Join(',', item.CategoryIds) : null)
            .Set("IconUrl", item.IconUrl)
            .Set("ContainerExtension", item.ContainerExtension)
            .Set("TmdbId", item.TmdbId)
            .Set("EpgChannelId", item.EpgChannelId)
            .Set("IsAdult", item.IsAdult)
            .Set("HasArchive", item.HasArchive);
        SetDate(row, "Added", item.Added);
        SetDate(row, "LastModified", item.LastModified);
        if (item.Rating is double rating)
        {
            row.Set("Rating", rating);
        }

        if (item.Year is int year)
        {
            row.Set("Year", (long)year);
        }

        return row;
    }

    public static CatalogRow Episode(string sourceId, SeriesEpisode episode)
    {
        var row = new CatalogRow(
                CatalogKeys.EpisodesPartition(sourceId, episode.SeriesId),
                CatalogKeys.EpisodeRow(Math.Max(0, episode.Season), Math.Max(0, episode.EpisodeNumber ?? 0), episode.Id))
            .Set("SeriesId", episode.SeriesId)
            .Set("EpisodeId", episode.Id)
            .Set("Season", (long)episode.Season)
            .Set("Title", episode.Title)
            .Set("ContainerExtension", episode.ContainerExtension)
            .Set("TmdbId", episode.TmdbId)
            .Set("Plot", episode.Plot);
        if (episode.EpisodeNumber is int number)
        {
            row.Set("Episode", (long)number);
        }

        if (episode.DurationSeconds is int duration)
        {
            row.Set("DurationSeconds", (long)duration);
        }

        SetDate(row, "Added", episode.Added);
        return row;
    }

    /// <summary>Provider dates before 1601 (garbage such as <c>0</c> is already null) cannot be stored: they are dropped, not fatal.</summary>
    private static void SetDate(CatalogRow row, string name, DateTimeOffset? value)
    {
        if (value is { } date && date.Year >= 1601)
        {
            row.Set(name, date);
        }
    }

    /// <summary>A short, stable text for log lines and failure reasons (an id, never a URL).</summary>
    public static string Describe(CatalogItem item) => string.Create(CultureInfo.InvariantCulture, $"{XtreamKinds.Name(item.Kind)} {item.ProviderId}");
}
