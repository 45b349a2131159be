using System.Security.Cryptography;
using System.Text;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Storage;
using MediaSync.Functions.Sync.Xtream;

namespace MediaSync.Functions.Sync.M3u;

/// <summary>
/// Catalog rows of an M3U source. Entry URLs usually embed the account's credentials, so neither keys nor properties
/// hold them: an entry is keyed by a hash of its URL and its group becomes its category.
/// </summary>
internal static class M3uRows
{
    /// <summary>The kind of an entry, from the Xtream-style path of its URL (<c>/movie/</c>, <c>/series/</c>), else live.</summary>
    public static string Kind(M3uEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Url.Contains("/movie/", StringComparison.OrdinalIgnoreCase) ? "vod"
            : entry.Url.Contains("/series/", StringComparison.OrdinalIgnoreCase) ? "series"
            : "live";
    }

    /// <summary>A stable id that does not reveal the URL: 128 bits of its SHA-256, hex.</summary>
    public static string EntryId(M3uEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entry.Url)).AsSpan(0, 16));
    }

    public static CatalogRow Item(string sourceId, M3uEntry entry)
    {
        string kind = Kind(entry);
        string id = EntryId(entry);
        return new CatalogRow(CatalogKeys.ItemsPartition(sourceId, kind, id, XtreamRows.ItemBuckets), id)
            .Set("Kind", kind)
            .Set("Name", entry.Name)
            .Set("CategoryId", entry.GroupTitle)
            .Set("EpgChannelId", entry.TvgId)
            .Set("TvgName", entry.TvgName)
            .Set("IconUrl", entry.TvgLogo);
    }

    public static CatalogRow Category(string sourceId, string kind, string group) =>
        new CatalogRow(CatalogKeys.CategoriesPartition(sourceId), CatalogKeys.CategoryRow(kind, group))
            .Set("Kind", kind)
            .Set("CategoryId", group)
            .Set("Name", group);
}
