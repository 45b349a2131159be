using MediaSync.Catalog.Model;

namespace MediaSync.Functions.Sync.Xtream;

/// <summary>The kind names used in table keys, unit keys and routes: <c>live</c>, <c>vod</c>, <c>series</c>.</summary>
internal static class XtreamKinds
{
    /// <summary>The kinds in the order an Xtream sync starts them (channels and movies first: users look for them first).</summary>
    public static IReadOnlyList<CatalogKind> SyncOrder { get; } = [CatalogKind.Live, CatalogKind.Vod, CatalogKind.Series];

    /// <summary>The kind's name.</summary>
    public static string Name(CatalogKind kind) => kind switch
    {
        CatalogKind.Live => "live",
        CatalogKind.Vod => "vod",
        _ => "series",
    };

    /// <summary>The checkpoint key of a category: <c>{kind}/{categoryId}</c>.</summary>
    public static string UnitKey(CatalogKind kind, string categoryId) => $"{Name(kind)}/{categoryId}";
}
