using System.Globalization;
using Azure.Data.Tables;
using MediaSync.Catalog.Storage;
using MediaSync.Catalog.Tmdb;

namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>
/// The titles a run wrote or changed that carry a TMDb id: Items rows of the source whose run mark is the run (unchanged
/// rows keep their older mark) and that have a <c>TmdbId</c> (with <c>TmdbType</c> <c>movie</c> or <c>tv</c>; without
/// it, <c>vod</c>/<c>movie</c> items are movies and everything else TV). Read in pages addressed by continuation tokens,
/// so the orchestration carries tokens, never title lists.
/// </summary>
internal sealed class TmdbCandidates(CatalogTableClients tables)
{
    private static readonly string[] Columns = ["TmdbId", "TmdbType", "Kind"];

    /// <summary>Every non-empty page of candidates in order, each with the token it starts at (the first is <see langword="null"/>).</summary>
    public async IAsyncEnumerable<TmdbCandidatePage> PagesAsync(
        string sourceId, string runId, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TableClient items = await tables.GetAsync(CatalogTable.Items, cancellationToken).ConfigureAwait(false);
        string? token = null;
        await foreach (Azure.Page<TableEntity> page in items.QueryAsync<TableEntity>(Filter(sourceId, runId), pageSize, Columns, cancellationToken)
            .AsPages(null, pageSize).ConfigureAwait(false))
        {
            if (page.Values.Count > 0)
            {
                yield return new TmdbCandidatePage(token, page.Values.Count, Titles(page.Values));
            }

            token = page.ContinuationToken;
        }
    }

    /// <summary>The titles of the page that starts at <paramref name="token"/>.</summary>
    public async Task<IReadOnlyList<TmdbTitle>> ReadPageAsync(string sourceId, string runId, string? token, int pageSize, CancellationToken cancellationToken)
    {
        TableClient items = await tables.GetAsync(CatalogTable.Items, cancellationToken).ConfigureAwait(false);
        await foreach (Azure.Page<TableEntity> page in items.QueryAsync<TableEntity>(Filter(sourceId, runId), pageSize, Columns, cancellationToken)
            .AsPages(token, pageSize).ConfigureAwait(false))
        {
            return Titles(page.Values);
        }

        return [];
    }

    private static List<TmdbTitle> Titles(IEnumerable<TableEntity> entities) => entities.Select(Title).OfType<TmdbTitle>().Distinct().ToList();

    private static string Filter(string sourceId, string runId)
    {
        string prefix = TableKeyEscaper.Escape(CatalogKeys.SourcePrefix(sourceId));
        string upper = TableKeyEscaper.PrefixUpperBound(prefix);
        return TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper} and LastSeenRun eq {runId} and TmdbId ne {string.Empty}");
    }

    private static TmdbTitle? Title(TableEntity entity)
    {
        string? id = Convert.ToString(Value(entity, "TmdbId"), CultureInfo.InvariantCulture);
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long tmdbId) || tmdbId <= 0)
        {
            return null;
        }

        string? type = Value(entity, "TmdbType") as string;
        string? kind = Value(entity, "Kind") as string;
        bool movie = type is not null
            ? string.Equals(type, "movie", StringComparison.OrdinalIgnoreCase)
            : kind is "vod" or "movie";
        return new TmdbTitle(movie ? TmdbMediaType.Movie : TmdbMediaType.Tv, tmdbId);
    }

    private static object? Value(TableEntity entity, string name) => entity.TryGetValue(name, out object? value) ? value : null;
}
