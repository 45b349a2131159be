using System.Text.Json;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Xtream;

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>The client's own mapping of Xtream JSON, applied to whole buffered documents (the baseline's way).</summary>
internal static class XtreamMapperAccess
{
    public static CatalogItem Item(CatalogKind kind, JsonElement element) => XtreamMapper.Item(kind, element);

    public static SeriesDetails SeriesInfo(string seriesId, JsonElement root) =>
        XtreamMapper.SeriesInfo(seriesId, root, (items, _, map) => items.Select(map));
}
