namespace MediaSync.Catalog.Model;

/// <summary>The three catalog kinds an IPTV provider serves; category ids are unique per kind only.</summary>
internal enum CatalogKind
{
    Live,
    Vod,
    Series,
}
