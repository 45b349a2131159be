namespace MediaSync.Catalog.Storage;

/// <summary>One page of a catalog query.</summary>
/// <param name="Rows">The rows, in key order.</param>
/// <param name="ContinuationToken">An opaque, URL-safe token for the next page, or <see langword="null"/> at the end.</param>
public sealed record CatalogPage(IReadOnlyList<CatalogRow> Rows, string? ContinuationToken);
