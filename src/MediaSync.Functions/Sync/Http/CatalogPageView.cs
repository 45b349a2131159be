namespace MediaSync.Functions.Sync.Http;

/// <summary>One page of catalog rows: each row is its id (the row key) and its properties.</summary>
/// <param name="Items">The rows.</param>
/// <param name="ContinuationToken">Pass as <c>?continuationToken=</c> for the next page; null at the end.</param>
internal sealed record CatalogPageView(IReadOnlyList<IReadOnlyDictionary<string, object>> Items, string? ContinuationToken);
