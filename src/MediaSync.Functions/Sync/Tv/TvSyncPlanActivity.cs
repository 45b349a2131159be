using System.Net;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Providers;
using MediaSync.Catalog.Storage;
using MediaSync.Durable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>
/// Decides how a TV run reads its source and does the first step itself: the incremental cursor, the strategy (the
/// first page of the bulk listing is the probe — with a total and show ids on its episodes the server supports bulk,
/// and that page is stored, not fetched again), the show listings into Items, and the list of remaining units minus
/// those a resumed run already completed.
/// </summary>
internal sealed class TvSyncPlanActivity(TvServers servers, TvCatalogWriter writer, IOptionsMonitor<TvSyncOptions> options, ILogger<TvSyncPlanActivity> logger)
    : TaskActivity<TvSyncInput, TvSyncPlan>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "TvSyncPlan";

    /// <inheritdoc />
    public override async Task<TvSyncPlan> RunAsync(TaskActivityContext context, TvSyncInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        CancellationToken cancellationToken = context.CancellationToken;
        TvSyncOptions settings = options.CurrentValue;
        ITvServer server = servers.For(input.SourceId);
        IReadOnlySet<string> resumed = await writer.CompletedUnitsAsync(input.SourceId, input.ResumeRunId, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> libraries = await server.GetTvLibraryIdsAsync(cancellationToken).ConfigureAwait(false);

        DateTimeOffset? since = input.Mode == SyncMode.Incremental
            ? await writer.IncrementalCursorAsync(input.SourceId, settings.IncrementalOverlap, cancellationToken).ConfigureAwait(false)
            : null;
        foreach (string library in since is null ? [] : libraries)
        {
            if (!await server.HonoursChangeFilterAsync(library, cancellationToken).ConfigureAwait(false))
            {
                TvSyncLog.ChangeFilterIgnored(logger, input.SourceId, library);
                since = null;
                break;
            }
        }

        // On a source's first sync there are no stored rows to compare with: the writers skip reading stored hashes.
        bool firstSync = input.Mode == SyncMode.Full && input.ResumeRunId is null
            && !await writer.HasCompletedRunAsync(input.SourceId, cancellationToken).ConfigureAwait(false);
        var state = new PlanState(input, settings.PageSize, resumed, firstSync);
        TvSyncStrategy strategy = settings.StrategyFor(input.SourceId);
        var showIds = new List<string>();

        // A full read lists every show whatever the strategy turns out to be, so the show listings need not wait for the
        // first pages (both are round trips plus writes; in sequence they were the longest step before the fan-out).
        Task<UnitCounts[]>? showsAlongside = since is null
            ? WriteShowListingsAsync(server, libraries, state, null, settings.ShowBuckets, showIds, cancellationToken)
            : null;
        Task<bool> firstPages = strategy == TvSyncStrategy.PerShow
            ? Task.FromResult(true)
            : ReadFirstPagesAsync(server, libraries, since, strategy, state, cancellationToken);
        await Task.WhenAll(firstPages, showsAlongside ?? Task.CompletedTask).ConfigureAwait(false);
        if (!await firstPages.ConfigureAwait(false))
        {
            strategy = TvSyncStrategy.PerShow;
        }

        // Per show reads every show: a new episode need not move its show's save time, so a filtered show list would miss it
        // (the unchanged episodes then cost no write: their content hash matches).
        bool bulk = strategy != TvSyncStrategy.PerShow;
        UnitCounts[] shows = showsAlongside is not null
            ? await showsAlongside.ConfigureAwait(false)
            : await WriteShowListingsAsync(server, libraries, state, bulk ? since : null, settings.ShowBuckets, bulk ? null : showIds, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < libraries.Count; i++)
        {
            await state.CompleteAsync(writer, TvRows.ShowsUnit(libraries[i]), shows[i], cancellationToken).ConfigureAwait(false);
        }

        TvSyncLog.Planned(logger, input.SourceId, bulk ? TvSyncStrategy.Bulk : TvSyncStrategy.PerShow, libraries.Count, bulk ? since : null);
        if (bulk)
        {
            return state.Plan(TvSyncStrategy.Bulk, settings.PageConcurrency, since, []);
        }

        string[] pending = showIds.Where(id => !resumed.Contains(TvRows.ShowUnit(id))).Distinct(StringComparer.Ordinal).ToArray();
        state.Resumed(showIds.Count - pending.Length);
        return state.Plan(TvSyncStrategy.PerShow, settings.ShowConcurrency, null, pending);
    }

    /// <summary>Streams every library's shows into Items (checkpointed by the caller); <paramref name="showIds"/>, when given, collects their ids.</summary>
    private async Task<UnitCounts[]> WriteShowListingsAsync(
        ITvServer server, IReadOnlyList<string> libraries, PlanState state, DateTimeOffset? since, int buckets, List<string>? showIds, CancellationToken cancellationToken)
    {
        var counts = new UnitCounts[libraries.Count];
        for (int i = 0; i < libraries.Count; i++)
        {
            counts[i] = await writer.WriteShowsAsync(
                state.Input.SourceId, state.Input.RunId, server.GetShowsAsync(libraries[i], since, cancellationToken), buckets, showIds, state.FirstSync, cancellationToken)
                .ConfigureAwait(false);
        }

        return counts;
    }

    /// <summary>Fetches, stores and checkpoints the first page of every library; false when a library has no usable bulk listing.</summary>
    private async Task<bool> ReadFirstPagesAsync(
        ITvServer server, IReadOnlyList<string> libraries, DateTimeOffset? since, TvSyncStrategy strategy, PlanState state, CancellationToken cancellationToken)
    {
        foreach (string library in libraries)
        {
            ItemPage<TvEpisode> first;
            try
            {
                first = await server.GetEpisodePageAsync(library, 0, state.PageSize, since, withTotal: true, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderResponseException ex) when (strategy == TvSyncStrategy.Auto && ex.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.NotImplemented)
            {
                TvSyncLog.BulkUnavailable(logger, state.Input.SourceId, library, $"HTTP {(int)ex.StatusCode!}");
                return false;
            }

            if (strategy == TvSyncStrategy.Auto && (first.Total is null || first.Items.Any(e => string.IsNullOrEmpty(e.ShowId))))
            {
                TvSyncLog.BulkUnavailable(logger, state.Input.SourceId, library, first.Total is null ? "no total" : "episodes without their show");
                return false;
            }

            UnitCounts counts = await writer.WriteEpisodesAsync(state.Input.SourceId, state.Input.RunId, first.Items, null, state.FirstSync, cancellationToken).ConfigureAwait(false);
            await state.CompleteAsync(writer, TvRows.PageUnit(library, 0), counts, cancellationToken).ConfigureAwait(false);
            long total = Math.Max(first.Total ?? 0, first.Items.Count);
            int pages = (int)((total + state.PageSize - 1) / state.PageSize);
            for (int page = 1; page < pages; page++)
            {
                state.AddPage(library, page);
            }
        }

        return true;
    }

    /// <summary>What the plan has done so far.</summary>
    private sealed class PlanState(TvSyncInput input, int pageSize, IReadOnlySet<string> resumed, bool firstSync)
    {
        private readonly List<TvPageRef> pages = [];
        private UnitCounts counts = UnitCounts.None;
        private int unitsDone;
        private int unitsResumed;

        public TvSyncInput Input => input;

        public int PageSize => pageSize;

        public bool FirstSync => firstSync;

        public void AddPage(string library, int page)
        {
            if (resumed.Contains(TvRows.PageUnit(library, page)))
            {
                unitsResumed++;
            }
            else
            {
                pages.Add(new TvPageRef(library, page));
            }
        }

        public void Resumed(int units) => unitsResumed += units;

        public async Task CompleteAsync(TvCatalogWriter writer, string unit, UnitCounts unitCounts, CancellationToken cancellationToken)
        {
            await writer.CompleteUnitAsync(input.SourceId, input.RunId, unit, unitCounts, cancellationToken).ConfigureAwait(false);
            counts = counts.Add(unitCounts);
            unitsDone++;
        }

        public TvSyncPlan Plan(TvSyncStrategy strategy, int concurrency, DateTimeOffset? since, IReadOnlyList<string> showIds) =>
            new(strategy, concurrency, since, pageSize, strategy == TvSyncStrategy.Bulk ? pages : [], showIds, unitsDone, unitsResumed, counts, firstSync);
    }
}
