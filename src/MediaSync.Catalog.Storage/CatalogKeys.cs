using System.Globalization;

namespace MediaSync.Catalog.Storage;

/// <summary>
/// The logical key layout of the catalog tables (architecture.md). The sweep and the paged queries
/// rely on it, so the sync layer builds its keys here rather than by hand.
/// </summary>
/// <remarks>
/// Source ids and kinds are restricted to letters, digits, <c>_</c> and <c>.</c>: the <c>-</c>
/// separator then cannot occur inside them, so the prefix <c>"{sourceId}-"</c> never matches another
/// source's partitions.
/// </remarks>
public static class CatalogKeys
{
    /// <summary>The longest source id accepted.</summary>
    public const int MaxSourceIdLength = 64;

    /// <summary>The Items partition of an item: <c>{sourceId}-{kind}-{bucket:D2}</c>.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="kind">The item kind, e.g. <c>live</c>, <c>vod</c>, <c>series</c>.</param>
    /// <param name="itemId">The provider's item id (decides the bucket).</param>
    /// <param name="bucketCount">How many partitions a source's kind is spread over.</param>
    /// <returns>The logical partition key.</returns>
    public static string ItemsPartition(string sourceId, string kind, string itemId, int bucketCount)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bucketCount, 100);

        // A stable hash (not string.GetHashCode, which is randomized per process) keeps an item in
        // the same partition from one run to the next.
        int bucket = (int)(StableHash(itemId) % (uint)bucketCount);
        return string.Create(CultureInfo.InvariantCulture, $"{ItemsPrefix(sourceId, kind)}{bucket:D2}");
    }

    /// <summary>The common prefix of a source's Items partitions of one kind: <c>{sourceId}-{kind}-</c>.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="kind">The item kind.</param>
    /// <returns>The logical partition key prefix.</returns>
    public static string ItemsPrefix(string sourceId, string kind) => $"{SourcePrefix(sourceId)}{CheckName(kind, nameof(kind))}-";

    /// <summary>The Episodes partition of a series or show: <c>{sourceId}-{seriesId}</c>.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="seriesId">The provider's series id.</param>
    /// <returns>The logical partition key.</returns>
    public static string EpisodesPartition(string sourceId, string seriesId)
    {
        ArgumentException.ThrowIfNullOrEmpty(seriesId);
        return SourcePrefix(sourceId) + seriesId;
    }

    /// <summary>An Episodes row key: <c>{season:D3}-{episode:D4}-{episodeId}</c>, so rows sort by season and episode.</summary>
    /// <param name="season">The season number.</param>
    /// <param name="episode">The episode number.</param>
    /// <param name="episodeId">The provider's episode id.</param>
    /// <returns>The logical row key.</returns>
    public static string EpisodeRow(int season, int episode, string episodeId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(season);
        ArgumentOutOfRangeException.ThrowIfNegative(episode);
        ArgumentException.ThrowIfNullOrEmpty(episodeId);
        return string.Create(CultureInfo.InvariantCulture, $"{season:D3}-{episode:D4}-{episodeId}");
    }

    /// <summary>The Categories partition of a source: the source id itself.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <returns>The logical partition key.</returns>
    public static string CategoriesPartition(string sourceId) => CheckSourceId(sourceId);

    /// <summary>A Categories row key: <c>{kind}-{categoryId}</c>.</summary>
    /// <param name="kind">The category kind.</param>
    /// <param name="categoryId">The provider's category id.</param>
    /// <returns>The logical row key.</returns>
    public static string CategoryRow(string kind, string categoryId)
    {
        ArgumentException.ThrowIfNullOrEmpty(categoryId);
        return $"{CheckName(kind, nameof(kind))}-{categoryId}";
    }

    /// <summary>The prefix shared by every Items and Episodes partition of a source: <c>{sourceId}-</c>.</summary>
    internal static string SourcePrefix(string sourceId) => CheckSourceId(sourceId) + "-";

    /// <summary>Checks a source id against the rules in the remarks.</summary>
    internal static string CheckSourceId(string sourceId) => CheckName(sourceId, nameof(sourceId));

    private static uint StableHash(string value)
    {
        // FNV-1a over the UTF-16 code units: tiny, stable across processes and platforms.
        uint hash = 2166136261;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }

    private static string CheckName(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value, what);
        bool valid = value.Length is > 0 and <= MaxSourceIdLength;
        foreach (char c in value)
        {
            valid &= char.IsAsciiLetterOrDigit(c) || c is '_' or '.';
        }

        return valid
            ? value
            : throw new ArgumentException(
                $"The {what} '{value}' must be 1–{MaxSourceIdLength} ASCII letters, digits, '_' or '.'.", what);
    }
}
