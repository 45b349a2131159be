using MediaSync.Catalog.Model;

namespace MediaSync.Functions.Sync.Xtream;

/// <summary>One kind of one run of an Xtream source.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="RunId">The run.</param>
/// <param name="Kind">Live, vod or series.</param>
internal sealed record XtreamKindInput(string SourceId, string RunId, CatalogKind Kind);
