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

    /// <summary>The continuation token of every non-empty page (the first is <see langword="null"/>) and the number of titles.</summary>
    public async Task<(IReadOnlyList<string?> Tokens, int Titles)> PlanAsync(string sourceId, string runId, int pageSize, CancellationToken cancellationToken)
    {
        TableClient items = await tables.GetAsync(CatalogTable.Items, cancellationToken).ConfigureAwait(false);
        var tokens = new List<string?>();
        int titles = 0;
        string? token = null;
        await foreach (Azure.Page<TableEntity> page in items.QueryAsync<TableEntity>(Filter(sourceId, runId), pageSize, Columns, cancellationToken)
            .AsPages(null, pageSize).ConfigureAwait(false))
        {
            if (page.Values.Count > 0)
            {
                tokens.Add(token);
                titles += page.Values.Count;
            }

            token = page.ContinuationToken;
        }

        return (tokens, titles);
    }

    /// <summary>The titles of the page that starts at <paramref name="token"/>.</summary>
    public async Task<IReadOnlyList<TmdbTitle>> ReadPageAsync(string sourceId, string runId, string? token, int pageSize, CancellationToken cancellationToken)
    {
        TableClient items = await tables.GetAsync(CatalogTable.Items, cancellationToken).ConfigureAwait(false);
        await foreach (Azure.Page<TableEntity> page in items.QueryAsync<TableEntity>(Filter(sourceId, runId), pageSize, Columns, cancellationToken)
            .AsPages(token, pageSize).ConfigureAwait(false))
        {
            return page.Values.Select(Title).OfType<TmdbTitle>().Distinct().ToList();
        }

        return [];
    }

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
