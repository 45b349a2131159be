using MediaSync.Catalog.Storage;
using MediaSync.Functions.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediaSync.Functions.Sync.Http;

/// <summary>
/// <c>GET /api/catalog/{sourceId}/{kind}</c> (<c>live</c>, <c>vod</c>, <c>series</c>, …, or <c>categories</c>) and
/// <c>GET /api/catalog/{sourceId}/series/{seriesId}/episodes</c> (function key): paged with <c>?pageSize=</c> (1–1000)
/// and the opaque <c>?continuationToken=</c> of the previous page (also sent as <c>x-ms-continuation-token</c>).
/// </summary>
internal static class CatalogEndpoints
{
    public const string ItemsFunctionName = "BrowseCatalog";
    public const string EpisodesFunctionName = "BrowseEpisodes";

    /// <summary>The kind name that lists the source's categories instead of items.</summary>
    public const string CategoriesKind = "categories";

    public static Task<IResult> ItemsAsync(
        string sourceId, string kind, string? continuationToken, int? pageSize, SourceDirectory sources, CatalogStore store, HttpResponse response, CancellationToken cancellationToken) =>
        PageAsync(sourceId, pageSize, sources, response, source => kind == CategoriesKind
            ? store.Queries.GetCategoriesAsync(source.Id, continuationToken, pageSize, cancellationToken)
            : store.Queries.GetItemsAsync(source.Id, kind, continuationToken, pageSize, cancellationToken));

    public static Task<IResult> EpisodesAsync(
        string sourceId, string seriesId, string? continuationToken, int? pageSize, SourceDirectory sources, CatalogStore store, HttpResponse response, CancellationToken cancellationToken) =>
        PageAsync(sourceId, pageSize, sources, response, source => store.Queries.GetEpisodesAsync(source.Id, seriesId, continuationToken, pageSize, cancellationToken));

    private static async Task<IResult> PageAsync(
        string sourceId, int? pageSize, SourceDirectory sources, HttpResponse response, Func<ConfiguredSource, Task<CatalogPage>> query)
    {
        if (!sources.TryGet(sourceId, out ConfiguredSource? source))
        {
            return SyncEndpoints.UnknownSource(sourceId);
        }

        if (pageSize is < 1 or > 1000)
        {
            return BadRequest($"'pageSize' must be between 1 and 1000 (was {pageSize}).");
        }

        CatalogPage page;
        try
        {
            page = await query(source).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            // A kind or id the key rules refuse, or a continuation token this API did not issue (or for another query).
            return BadRequest(ex.Message);
        }

        if (page.ContinuationToken is not null)
        {
            response.Headers["x-ms-continuation-token"] = page.ContinuationToken;
        }

        var items = page.Rows.Select(row =>
        {
            var item = new Dictionary<string, object>(row.Properties.Count + 1, StringComparer.Ordinal) { ["id"] = row.RowKey };
            foreach ((string name, object value) in row.Properties)
            {
                item[char.ToLowerInvariant(name[0]) + name[1..]] = value;
            }

            return (IReadOnlyDictionary<string, object>)item;
        }).ToList();
        return TypedResults.Json(new CatalogPageView(items, page.ContinuationToken), SyncJson.Options);
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request.", detail: detail);
}
