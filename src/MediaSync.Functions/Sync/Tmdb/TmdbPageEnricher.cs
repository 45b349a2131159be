using System.Collections.Concurrent;
using System.Text.Json;
using MediaSync.Catalog.DependencyInjection;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Storage;
using MediaSync.Catalog.Tmdb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>
/// Enriches one page of candidate titles: a title whose stored providers are younger than the cache TTL costs no call
/// (and, when this host remembers it as fresh, no storage read either);
/// the others are fetched in parallel under the process-wide rate gate (details and watch providers in one call,
/// <c>append_to_response=watch/providers</c>) and stored in the Providers table with <c>FetchedAt</c>. A title that
/// fails is recorded in the run's checkpoints (<c>tmdb-failed-…</c>, Failed = 1) and skipped; it never fails the page.
/// </summary>
internal sealed class TmdbPageEnricher(
    CatalogStore store,
    IProviderClientFactory clients,
    TmdbRequestGate gate,
    TmdbFreshTitles fresh,
    IOptionsMonitor<TmdbEnrichmentOptions> options,
    TimeProvider time,
    ILogger<TmdbPageEnricher> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<TmdbEnrichmentResult> EnrichAsync(string sourceId, string runId, IReadOnlyList<TmdbTitle> titles, CancellationToken cancellationToken)
    {
        TmdbEnrichmentOptions settings = options.CurrentValue;
        TmdbClient client = clients.CreateTmdb();
        var rows = new ConcurrentBag<CatalogRow>();
        var fetched = new ConcurrentBag<(TmdbTitle Title, DateTimeOffset FetchedAt)>();
        int cached = 0;
        int failed = 0;
        await Parallel.ForEachAsync(
            titles,
            new ParallelOptions { MaxDegreeOfParallelism = settings.TitleConcurrency, CancellationToken = cancellationToken },
            async (title, ct) =>
            {
                if (fresh.IsFresh(title))
                {
                    Interlocked.Increment(ref cached);
                    return;
                }

                CatalogRow? stored = await store.Queries.GetRowAsync(CatalogTable.Providers, title.Partition, title.RowKey, ct).ConfigureAwait(false);
                if (stored?.GetDateTimeOffset("FetchedAt") is { } fetchedAt && fresh.IsFresh(fetchedAt))
                {
                    fresh.Remember(title, fetchedAt);
                    Interlocked.Increment(ref cached);
                    return;
                }

                try
                {
                    await gate.WaitAsync(ct).ConfigureAwait(false);
                    TmdbTitleDetails? details = await client.GetDetailsWithWatchProvidersAsync(title.Type, title.Id, ct).ConfigureAwait(false);
                    DateTimeOffset now = time.GetUtcNow();
                    rows.Add(Row(title, details, now));
                    fetched.Add((title, now));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                    TmdbEnrichmentLog.TitleFailed(logger, sourceId, title.ToString(), ex.Message);
                    await store.Checkpoints.RecordUnitCompletedAsync(sourceId, runId, $"tmdb-failed-{title.Partition}-{title.RowKey}", new UnitCounts(0, 0, 1), ct)
                        .ConfigureAwait(false);
                }
            }).ConfigureAwait(false);

        if (!rows.IsEmpty)
        {
            // A fetched row carries a new FetchedAt, so it is never unchanged: reading the stored hashes first would cost a
            // query of the whole tmdb-tv or tmdb-movie partition (every title ever enriched) to skip nothing.
            BatchWriteResult written = await store.WriteAsync(CatalogTable.Providers, runId, rows.ToAsyncEnumerable(), rowsAreNew: true, cancellationToken)
                .ConfigureAwait(false);
            failed += written.Failed;
            if (written.Failed == 0)
            {
                // Which rows failed is not reported; after a failed write none is remembered, so each is read again.
                foreach ((TmdbTitle title, DateTimeOffset fetchedAt) in fetched)
                {
                    fresh.Remember(title, fetchedAt);
                }
            }
        }

        return new TmdbEnrichmentResult(titles.Count, rows.Count, cached, failed);
    }

    /// <summary>A title's Providers row; an id TMDb does not know is stored as a miss, so it is not asked again within the TTL.</summary>
    private static CatalogRow Row(TmdbTitle title, TmdbTitleDetails? details, DateTimeOffset fetchedAt)
    {
        var row = new CatalogRow(title.Partition, title.RowKey).Set("FetchedAt", fetchedAt).Set("Found", details is not null);
        if (details is not null)
        {
            row.Set("Title", details.Title)
                .Set("OriginalTitle", details.OriginalTitle)
                .Set("ReleaseDate", details.ReleaseDate)
                .Set("PosterPath", details.PosterPath)
                .Set("ImdbId", details.ImdbId)
                .Set("WatchProviders", JsonSerializer.Serialize(details.WatchProviders.Countries, Json));
            if (details.VoteAverage is { } vote)
            {
                row.Set("VoteAverage", vote);
            }
        }

        return row;
    }
}
