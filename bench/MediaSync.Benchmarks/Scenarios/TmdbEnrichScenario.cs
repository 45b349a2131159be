using System.Diagnostics;
using Azure.Data.Tables;
using MediaSync.Benchmarks.Harness;
using MediaSync.Catalog.Storage;
using MediaSync.Catalog.Tmdb;
using MediaSync.Durable;
using MediaSync.Functions.Sync.Tmdb;
using MediaSync.Functions.Sync.Tv;
using MediaSync.Sandbox;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>
/// The TmdbEnrichment orchestration (in the app on Azurite) over the titles a TV sync wrote, against the sandbox TMDb
/// with random latency and its rate ceiling: ours, ours again from the Providers cache, the same two through the
/// activities alone (no orchestration), and the baseline of one title at a time. Targets: ours within 1.15 × the slowest
/// call, cached under 0.05 s; with many titles no 429 and within 1.1 × the least time the rate allows.
/// </summary>
internal sealed class TmdbEnrichScenario : IBenchmarkScenario
{
    private const string TablePrefix = "tmdbours";

    public string Name => "tmdb-enrich";

    public string Description => "TMDb enrichment vs one title at a time, cached repeat, rate ceiling (--titles --latency-ms min-max --rate)";

    public async Task<BenchmarkReport> RunAsync(BenchmarkArguments args, CancellationToken cancellationToken)
    {
        int titles = args.Int("titles", 10);
        (int minLatencyMs, int maxLatencyMs) = args.Range("latency-ms", 300, 500);
        int rate = args.Int("rate", 40);
        // One title at a time is titles × latency: past 20 titles the baseline runs 20 and is scaled.
        int sequentialTitles = Math.Min(titles, args.Int("sequential-titles", 20));
        if (titles is < 1 or > 4_000)
        {
            throw new ArgumentOutOfRangeException(nameof(args), titles, "--titles must be 1..4000 (the sandbox knows TMDb ids up to 5,000; shows use 1001 on).");
        }

        await using AzuriteServer azurite = await AzuriteServer.StartAsync(TimeSpan.FromSeconds(60));
        await using SandboxHost sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            TmdbRequestsPerSecond = rate,
            Catalog = { TvShows = titles, TvSeasonsPerShow = 1, TvEpisodesPerSeason = 1, LiveChannels = 0, Movies = 0, Series = 0, TmdbTitles = 5_000 },
        });
        var recorder = new CallRecorder();
        await using SyncBenchApp app = await SyncBenchApp.StartAsync(azurite.ConnectionString, sandbox, TablePrefix, builder =>
        {
            builder.Configuration[$"{TmdbEnrichmentOptions.SectionName}:RequestsPerSecond"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.Services.AddHttpClient(TmdbClient.ProviderName).AddHttpMessageHandler(recorder.CreateHandler);
        });
        var report = new BenchmarkReport(Name, "app in-process, durable + store on Azurite (in-memory), sandbox TMDb on loopback");

        // The titles: a TV sync of as many shows (each carries a TMDb id) writes them as the run's Items rows.
        SyncRun run = await app.Store.Checkpoints.StartRunAsync(SyncBenchApp.SourceId, SyncMode.Full, cancellationToken);
        await app.RunAsync<TvSyncResult>(
            TvSyncOrchestrator.Name, new TvSyncInput(SyncBenchApp.SourceId, SyncMode.Full, run.RunId, null), TvSyncOrchestrator.InstanceIdFor(SyncBenchApp.SourceId), cancellationToken);
        var tmdb = new TmdbClient(new HttpClient(), new TmdbClientOptions { BaseUrl = sandbox.TmdbUri, ReadAccessToken = sandbox.Options.TmdbToken });

        // Warm the sandbox's TMDb endpoints and the client code on ids no show has, then let the background JIT settle.
        foreach (long id in new long[] { 4_901, 4_902, 4_903 })
        {
            await tmdb.GetDetailsWithWatchProvidersAsync(TmdbMediaType.Tv, id, cancellationToken);
        }

        // The app's enrichment code too, as the activities-alone run (measured after ours) finds it: the page enricher on
        // such ids, fetched and then from the cache (a host that served one repeat has that path compiled), and the
        // orchestration on a run without titles. A second later the gate has forgotten those calls.
        TmdbTitle[] warmUpTitles = [new TmdbTitle(TmdbMediaType.Tv, 4_904), new TmdbTitle(TmdbMediaType.Tv, 4_905)];
        for (int pass = 0; pass < 2; pass++)
        {
            await using AsyncServiceScope scope = app.App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TmdbPageEnricher>().EnrichAsync(SyncBenchApp.SourceId, "bench-warm-up", warmUpTitles, cancellationToken);
        }

        await RunOrchestrationAsync(app, new TmdbEnrichmentInput(SyncBenchApp.SourceId, "bench-warm-up"), "warm-up", cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken);
        await SyncBenchApp.SettleAsync(TimeSpan.FromSeconds(20), cancellationToken);
        sandbox.Control.SetLatency(TimeSpan.FromMilliseconds(minLatencyMs), TimeSpan.FromMilliseconds(maxLatencyMs));
        var input = new TmdbEnrichmentInput(SyncBenchApp.SourceId, run.RunId);

        recorder.Clear();
        long scheduled = Stopwatch.GetTimestamp();
        (TmdbEnrichmentResult ours, double wallSeconds) = await RunOrchestrationAsync(app, input, "ours", cancellationToken);
        long completed = Stopwatch.GetTimestamp();
        double slowestCallSeconds = recorder.Slowest.TotalSeconds;

        // Where the time beyond the slowest call goes: before the first call, while the calls run, after the last answer.
        double beforeFirstMs = Stopwatch.GetElapsedTime(scheduled, recorder.FirstStarted).TotalMilliseconds;
        double callsSpanMs = Stopwatch.GetElapsedTime(recorder.FirstStarted, recorder.LastAnswered).TotalMilliseconds;
        double afterLastMs = Stopwatch.GetElapsedTime(recorder.LastAnswered, completed).TotalMilliseconds;

        // Whoever keeps to the rate starts its last batch (ceil(n / rate) - 1) seconds after the first and then waits for
        // that batch's slowest call: the slowest of the calls that started last, not of all (the first burst's calls are
        // the slow ones on a busy machine, and would flatter the bound).
        int batches = (int)Math.Ceiling((double)titles / rate);
        double rateBoundSeconds = (batches - 1) + recorder.SlowestOfLast(titles - ((batches - 1) * rate)).TotalSeconds;
        int throttled = recorder.Throttled;
        int oursCalls = recorder.Calls;
        (TmdbEnrichmentResult cached, double cachedWallSeconds) = await RunOrchestrationAsync(app, input, "cached", cancellationToken);

        // The same through the activities alone: what the enrichment costs without the orchestration's scheduling.
        await ForgetProvidersAsync(azurite.ConnectionString, cancellationToken);
        app.App.Services.GetRequiredService<TmdbFreshTitles>().Clear();
        recorder.Clear();
        (TmdbEnrichmentResult activities, double activityWallSeconds) = await RunActivitiesAsync(app, input, cancellationToken);
        double activitySlowestCallSeconds = recorder.Slowest.TotalSeconds;
        (_, double activityCachedWallSeconds) = await RunActivitiesAsync(app, input, cancellationToken);

        var sequential = Stopwatch.StartNew();
        for (int show = 1; show <= sequentialTitles; show++)
        {
            await tmdb.GetDetailsWithWatchProvidersAsync(TmdbMediaType.Tv, 1_000 + show, cancellationToken);
        }

        double sequentialWallSeconds = sequential.Elapsed.TotalSeconds * titles / sequentialTitles;

        report.Notes.Add($"ours: {ours.Titles} titles, {ours.Fetched} fetched, {ours.Failed} failed, {oursCalls} TMDb calls ({throttled} answered 429), {wallSeconds:0.000}s, slowest call {slowestCallSeconds:0.000}s, rate bound {rateBoundSeconds:0.000}s");
        report.Notes.Add($"ours, where the time went: {beforeFirstMs:0} ms from the schedule call to the first TMDb call, {callsSpanMs:0} ms from it to the last answer, {afterLastMs:0} ms from there to completion seen by the client");
        report.Notes.Add($"ours from cache: {cached.Cached} cached, {cached.Fetched} fetched, {cachedWallSeconds:0.000}s");
        report.Notes.Add($"activities alone: {activities.Fetched} fetched in {activityWallSeconds:0.000}s (slowest call {activitySlowestCallSeconds:0.000}s), from cache {activityCachedWallSeconds:0.000}s");
        report.Notes.Add($"sequential: {sequentialTitles} titles one at a time, {sequential.Elapsed.TotalSeconds:0.00}s" +
            (sequentialTitles < titles ? $", scaled x{(double)titles / sequentialTitles:0.#} to {sequentialWallSeconds:0.0}s" : string.Empty));
        report.Notes.Add($"latency {minLatencyMs}-{maxLatencyMs} ms, rate {rate}/s; machine: {Environment.ProcessorCount} cores, load average {TvSyncScenario.LoadAverage()}");
        if (ours.Fetched != titles || ours.Failed != 0 || cached.Cached != titles || activities.Fetched != titles)
        {
            report.Notes.Add("CHECK FAILED: not every title was fetched once, then served from cache");
        }

        report.Add("wallSeconds", wallSeconds)
            .Add("slowestCallSeconds", slowestCallSeconds)
            .Add("sequentialWallSeconds", sequentialWallSeconds)
            .Add("cachedWallSeconds", cachedWallSeconds)
            .Add("activityWallSeconds", activityWallSeconds)
            .Add("activityCachedWallSeconds", activityCachedWallSeconds)
            .Add("throttled", throttled)
            .Add("rateBoundSeconds", rateBoundSeconds)
            .Add("wallVsSlowestCall", wallSeconds / slowestCallSeconds)
            .Add("activityWallVsSlowestCall", activityWallSeconds / activitySlowestCallSeconds)
            .Add("wallVsRateBound", wallSeconds / rateBoundSeconds)
            .Add("speedupVsSequential", sequentialWallSeconds / wallSeconds);
        return report;
    }

    private static async Task<(TmdbEnrichmentResult Result, double Seconds)> RunOrchestrationAsync(
        SyncBenchApp app, TmdbEnrichmentInput input, string suffix, CancellationToken cancellationToken) =>
        await app.RunAsync<TmdbEnrichmentResult>(
            TmdbEnrichmentOrchestrator.Name, input, $"{TmdbEnrichmentOrchestrator.InstanceIdFor(input.SourceId)}-{suffix}", cancellationToken);

    /// <summary>The plan activity (which enriches a single page itself), then the pages it left with the orchestrator's concurrency, called directly.</summary>
    private static async Task<(TmdbEnrichmentResult Result, double Seconds)> RunActivitiesAsync(SyncBenchApp app, TmdbEnrichmentInput input, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using AsyncServiceScope scope = app.App.Services.CreateAsyncScope();
        var context = new DirectActivityContext(cancellationToken);
        TmdbEnrichmentPlan plan = await ActivatorUtilities.CreateInstance<TmdbEnrichmentPlanActivity>(scope.ServiceProvider).RunAsync(context, input);
        var pages = new TmdbEnrichmentResult[plan.PageTokens.Count + 1];
        pages[^1] = plan.Enriched;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, plan.PageTokens.Count),
            new ParallelOptions { MaxDegreeOfParallelism = plan.Concurrency, CancellationToken = cancellationToken },
            async (i, ct) => pages[i] = await ActivatorUtilities.CreateInstance<TmdbEnrichPageActivity>(scope.ServiceProvider)
                .RunAsync(context, new TmdbPageWork(input.SourceId, input.RunId, plan.PageTokens[i], plan.PageSize)));
        double seconds = watch.Elapsed.TotalSeconds;
        return (new TmdbEnrichmentResult(pages.Sum(p => p.Titles), pages.Sum(p => p.Fetched), pages.Sum(p => p.Cached), pages.Sum(p => p.Failed)), seconds);
    }

    /// <summary>Deletes the stored providers so the next enrichment fetches every title again (the host's memory of them is cleared apart).</summary>
    private static async Task ForgetProvidersAsync(string connectionString, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, TablePrefix + CatalogTable.Providers);
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
        }
    }

    private sealed class DirectActivityContext(CancellationToken cancellationToken) : TaskActivityContext
    {
        public override TaskName Name => "bench";

        public override string InstanceId => "bench-direct";

        public override CancellationToken CancellationToken => cancellationToken;
    }
}
