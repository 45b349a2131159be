using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using MediaSync.Benchmarks.Harness;
using MediaSync.Catalog.Jellyfin;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Storage;
using MediaSync.Functions.Sync.Tv;
using MediaSync.Sandbox;
using MediaSync.TestSupport;
using Microsoft.Extensions.Configuration;

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>
/// The TvSync orchestration (in the app, durable runtime and store on Azurite) against a sandbox Jellyfin with fixed
/// latency, beside two baselines on the same sandbox and Azurite: <c>sequential</c> (the reference's "before": seasons
/// fetched twice, one call at a time, one upsert per row) and <c>reference</c> (5 shows at once, seasons in parallel,
/// batched writes).
/// </summary>
internal sealed class TvSyncScenario : IBenchmarkScenario
{
    private const string WarmSourceId = "jfwarm";

    public string Name => "tv-sync";

    public string Description => "Jellyfin TV sync (bulk pages) vs sequential and reference per-show baselines (--shows --seasons --episodes --latency-ms)";

    public async Task<BenchmarkReport> RunAsync(BenchmarkArguments args, CancellationToken cancellationToken)
    {
        int shows = args.Int("shows", 100);
        int seasons = args.Int("seasons", 5);
        int episodes = args.Int("episodes", 10);
        int latencyMs = args.Int("latency-ms", 20);
        // One call at a time at 200 ms is minutes: by default the sequential baseline runs a tenth of the shows there and is scaled.
        int sequentialShows = Math.Min(shows, args.Int("sequential-shows", latencyMs > 50 ? Math.Max(1, shows / 10) : shows));

        await using AzuriteServer azurite = await AzuriteServer.StartAsync(TimeSpan.FromSeconds(60));
        await using SandboxHost sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            Catalog = { TvShows = shows, TvSeasonsPerShow = seasons, TvEpisodesPerSeason = episodes, LiveChannels = 0, Movies = 0, Series = 0 },
        });
        sandbox.Control.SetLatency(TimeSpan.FromMilliseconds(latencyMs));

        // A second, small library as source "jfwarm" for the warm-up of ours (see below); 2 bulk pages, so the fan-out runs too.
        await using SandboxHost warmSandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            Catalog = { TvShows = 12, TvSeasonsPerShow = 5, TvEpisodesPerSeason = 10, LiveChannels = 0, Movies = 0, Series = 0 },
        });
        warmSandbox.Control.SetLatency(TimeSpan.FromMilliseconds(latencyMs));
        await using SyncBenchApp app = await SyncBenchApp.StartAsync(azurite.ConnectionString, sandbox, "tvours", builder => builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                [$"Sources:{WarmSourceId}:Kind"] = "Jellyfin",
                [$"Sources:{WarmSourceId}:BaseUrl"] = warmSandbox.JellyfinUri.ToString(),
                [$"Sources:{WarmSourceId}:ApiKey"] = warmSandbox.Options.JellyfinApiKey,
            }));
        var report = new BenchmarkReport(Name, "app in-process, durable + store on Azurite (in-memory), sandbox Jellyfin on loopback");
        var client = new JellyfinClient(new HttpClient(), new JellyfinClientOptions { BaseUrl = sandbox.JellyfinUri, ApiKey = sandbox.Options.JellyfinApiKey });
        string library = sandbox.Catalog.JellyfinLibraryId;

        // Ours runs first: without this it alone would pay the first use of the sandbox's endpoints, the Jellyfin
        // client, the batch writer and the catalog tables (their creation), which the baselines after it then find warm.
        await ReferenceAsync(client, library, app.Store, "warm", 3, cancellationToken);

        // Likewise ours' own code paths (the TV orchestrator, plan and page activities, the bulk listing's parsing) would
        // run for the first time inside the measurement, JIT and all, on a machine where CPU is the scarce resource.
        SyncRun warmRun = await app.Store.Checkpoints.StartRunAsync(WarmSourceId, SyncMode.Full, cancellationToken);
        await app.RunAsync<TvSyncResult>(
            TvSyncOrchestrator.Name, new TvSyncInput(WarmSourceId, SyncMode.Full, warmRun.RunId, null), TvSyncOrchestrator.InstanceIdFor(WarmSourceId), cancellationToken);
        await SyncBenchApp.SettleAsync(TimeSpan.FromSeconds(20), cancellationToken);

        sandbox.Counters.Reset();
        var cpu = CpuMeter.ForProcessWith("azurite.js", "--tablePort " + azurite.TablePort.ToString(CultureInfo.InvariantCulture));

        // What the idle host costs (queue polling, background work), paid by every side for as long as it runs; measured
        // because on a loaded machine it competes with Azurite for the same cores.
        CpuMeter.Reading idleStart = cpu.Read();
        await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System, cancellationToken);
        CpuMeter.Phase idle = cpu.Read() - idleStart;
        CpuMeter.Reading oursCpu = cpu.Read();
        SyncRun run = await app.Store.Checkpoints.StartRunAsync(SyncBenchApp.SourceId, SyncMode.Full, cancellationToken);
        DateTimeOffset oursStart = TimeProvider.System.GetUtcNow();
        (TvSyncResult ours, double wallSeconds) = await app.RunAsync<TvSyncResult>(
            TvSyncOrchestrator.Name, new TvSyncInput(SyncBenchApp.SourceId, SyncMode.Full, run.RunId, null), TvSyncOrchestrator.InstanceIdFor(SyncBenchApp.SourceId), cancellationToken);
        long apiCalls = sandbox.Counters.TotalCalls;
        string oursCpuNote = CpuNote(cpu.Read() - oursCpu);
        string oursUnits = await UnitTimelineAsync(new TableClient(azurite.ConnectionString, "tvours" + nameof(CatalogTable.SyncRuns)), run.RunId, oursStart, cancellationToken);

        sandbox.Counters.Reset();
        CpuMeter.Reading referenceCpu = cpu.Read();
        var reference = Stopwatch.StartNew();
        long referenceRows = await ReferenceAsync(client, library, app.Store, "ref", shows, cancellationToken);
        double referenceSeconds = reference.Elapsed.TotalSeconds;
        string referenceCpuNote = CpuNote(cpu.Read() - referenceCpu);
        long referenceCalls = sandbox.Counters.TotalCalls;

        sandbox.Counters.Reset();
        var sequential = Stopwatch.StartNew();
        long sequentialRows = await SequentialAsync(client, library, sequentialShows, new TableClient(azurite.ConnectionString, "tvsequential"), cancellationToken);
        double sequentialSeconds = sequential.Elapsed.TotalSeconds * shows / sequentialShows;
        long sequentialCalls = sandbox.Counters.TotalCalls;

        // What the store alone costs for the same rows, with no provider calls and no orchestration: the floor of any
        // strategy that writes through the batch writer on this Azurite (as ours on a first sync, and as the reference).
        IReadOnlyList<TvEpisode> allEpisodes = await AllEpisodesAsync(client, library, cancellationToken);
        List<TvShow> allShows = await client.GetSeriesAsync(library, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        (double storeNewSeconds, string storeNewNote) = await StoreOnlyAsync(app.Store, cpu, "floornew", allShows, allEpisodes, rowsAreNew: true, cancellationToken);
        (double storeReadSeconds, string storeReadNote) = await StoreOnlyAsync(app.Store, cpu, "floorread", allShows, allEpisodes, rowsAreNew: false, cancellationToken);

        int expected = shows * seasons * episodes;
        report.Notes.Add($"ours: {ours.Units} units, {ours.Written:N0} rows written ({expected:N0} episodes + {shows} shows expected), {ours.Failed} failed, {apiCalls} API calls, {wallSeconds:0.00}s; {oursCpuNote}");
        report.Notes.Add($"  units completed at (s after start): {oursUnits}");
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"  the idle host costs {idle.OwnCpuSeconds / idle.Seconds:0.000} cores here and {idle.OtherCpuSeconds / idle.Seconds:0.000} in Azurite (measured over {idle.Seconds:0.0}s before ours)"));
        report.Notes.Add($"store only, same rows, no API or orchestration, rows new (first sync): {storeNewSeconds:0.00}s; {storeNewNote}");
        report.Notes.Add($"store only, same rows, stored hashes read first (as the reference): {storeReadSeconds:0.00}s; {storeReadNote}");
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"  no strategy that writes these rows through the batch writer can beat the reference by more than {referenceSeconds / storeNewSeconds:0.00}x on this run (reference / store only)"));
        report.Notes.Add($"reference: {referenceRows:N0} rows, {referenceCalls} API calls, {referenceSeconds:0.00}s; {referenceCpuNote}");
        report.Notes.Add($"sequential: {sequentialRows:N0} rows of {sequentialShows} shows, {sequentialCalls} API calls, {sequential.Elapsed.TotalSeconds:0.00}s" +
            (sequentialShows < shows ? $", scaled x{(double)shows / sequentialShows:0.#} to {sequentialSeconds:0.0}s" : string.Empty));
        report.Notes.Add($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        if (ours.Written != expected + shows || ours.Failed != 0)
        {
            report.Notes.Add("CHECK FAILED: ours did not write every row exactly once");
        }

        report.Add("wallSeconds", wallSeconds)
            .Add("sequentialWallSeconds", sequentialSeconds)
            .Add("referenceWallSeconds", referenceSeconds)
            .Add("apiCalls", apiCalls)
            .Add("speedupVsSequential", sequentialSeconds / wallSeconds)
            .Add("speedupVsReference", referenceSeconds / wallSeconds)
            .Add("storeOnlySeconds", storeNewSeconds)
            .Add("referenceOverStoreOnly", referenceSeconds / storeNewSeconds)
            .Add("storeOnlyReadFirstSeconds", storeReadSeconds);
        return report;
    }

    /// <summary>Every episode of the library, by the bulk listing (not measured).</summary>
    private static async Task<IReadOnlyList<TvEpisode>> AllEpisodesAsync(JellyfinClient client, string library, CancellationToken cancellationToken)
    {
        var all = new List<TvEpisode>();
        while (true)
        {
            ItemPage<TvEpisode> page = await client.GetLibraryEpisodesPageAsync(library, all.Count, 500, null, includeTotal: false, cancellationToken);
            all.AddRange(page.Items);
            if (page.Items.Count < 500)
            {
                return all;
            }
        }
    }

    /// <summary>Writes the shows and episodes through two batch writers at once, as the sync does, timed with CPU.</summary>
    private static async Task<(double Seconds, string Note)> StoreOnlyAsync(
        CatalogStore store, CpuMeter cpu, string sourceId, IReadOnlyList<TvShow> shows, IReadOnlyList<TvEpisode> episodes, bool rowsAreNew, CancellationToken cancellationToken)
    {
        CpuMeter.Reading start = cpu.Read();
        var watch = Stopwatch.StartNew();
        async Task<BatchWriteResult> WriteAsync(CatalogTable table, IEnumerable<CatalogRow> rows)
        {
            CatalogBatchWriter writer = await store.CreateWriterAsync(table, sourceId, rowsAreNew, cancellationToken);
            await using (writer)
            {
                foreach (CatalogRow row in rows)
                {
                    await writer.AddAsync(row, cancellationToken);
                }

                return await writer.FlushAsync(cancellationToken);
            }
        }

        BatchWriteResult[] results = await Task.WhenAll(
            WriteAsync(CatalogTable.Items, shows.Select(s => TvRows.Show(sourceId, s, 8))),
            WriteAsync(CatalogTable.Episodes, episodes.Select(e => TvRows.Episode(sourceId, e, null)!)));
        double seconds = watch.Elapsed.TotalSeconds;
        return (seconds, $"{results.Sum(r => r.Written):N0} rows in {results.Sum(r => r.Transactions)} transactions; {CpuNote(cpu.Read() - start)}");
    }

    /// <summary>When each unit of a run was checkpointed, relative to <paramref name="start"/> (the plan's units come first).</summary>
    private static async Task<string> UnitTimelineAsync(TableClient runs, string runId, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var done = new List<(double At, string Unit)>();
        await foreach (TableEntity unit in runs.QueryAsync<TableEntity>(e => e.GetString("RunId") == runId, cancellationToken: cancellationToken))
        {
            if (unit.GetDateTimeOffset("CompletedAt") is { } at && unit.GetString("UnitKey") is { } key)
            {
                done.Add(((at - start).TotalSeconds, key));
            }
        }

        return string.Join(", ", done.OrderBy(d => d.At).Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Unit[..Math.Min(d.Unit.Length, 6)]}@{d.At:0.00}")));
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>5 shows at once; per show its seasons, then the seasons' episodes in parallel, one batch write per show.</summary>
    private static async Task<long> ReferenceAsync(JellyfinClient client, string library, CatalogStore store, string sourceId, int showCount, CancellationToken cancellationToken)
    {
        var shows = new List<TvShow>();
        await foreach (TvShow show in client.GetSeriesAsync(library, cancellationToken: cancellationToken))
        {
            if (shows.Count == showCount)
            {
                break;
            }

            shows.Add(show);
        }

        long rows = 0;
        await Parallel.ForEachAsync(shows, new ParallelOptions { MaxDegreeOfParallelism = 5, CancellationToken = cancellationToken }, async (show, ct) =>
        {
            IReadOnlyList<TvSeason> seasons = await client.GetSeasonsAsync(show.Id, ct);
            IReadOnlyList<TvEpisode>[] episodes = await Task.WhenAll(seasons.Select(s => client.GetEpisodesAsync(show.Id, s.Id, ct)));
            BatchWriteResult written = await store.WriteAsync(
                CatalogTable.Episodes, sourceId, episodes.SelectMany(e => e).Select(e => TvRows.Episode(sourceId, e, show.Id)!).ToAsyncEnumerable(), ct);
            Interlocked.Add(ref rows, written.Written);
        });
        return rows;
    }

    /// <summary>The "before": one call at a time, seasons asked twice (once to count, once to walk), one upsert per row.</summary>
    private static async Task<long> SequentialAsync(JellyfinClient client, string library, int showCount, TableClient table, CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        long rows = 0;
        int seen = 0;
        await foreach (TvShow show in client.GetSeriesAsync(library, cancellationToken: cancellationToken))
        {
            if (seen++ == showCount)
            {
                break;
            }

            _ = (await client.GetSeasonsAsync(show.Id, cancellationToken)).Count;
            foreach (TvSeason season in await client.GetSeasonsAsync(show.Id, cancellationToken))
            {
                foreach (TvEpisode episode in await client.GetEpisodesAsync(show.Id, season.Id, cancellationToken))
                {
                    CatalogRow row = TvRows.Episode("seq", episode, show.Id)!;
                    var entity = new TableEntity(TableKeyEscaper.Escape(row.PartitionKey), TableKeyEscaper.Escape(row.RowKey));
                    foreach ((string name, object value) in row.Properties)
                    {
                        entity[name] = value;
                    }

                    await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
                    rows++;
                }
            }
        }

        return rows;
    }

    private static string CpuNote(CpuMeter.Phase phase) =>
        string.Create(CultureInfo.InvariantCulture, $"cpu: this process {phase.OwnCpuSeconds:0.00}s, Azurite {phase.OtherCpuSeconds:0.00}s (its thread waited {phase.OtherWaitSeconds:0.00}s for a CPU: running or ready to run {(phase.OtherCpuSeconds + phase.OtherWaitSeconds) / phase.Seconds:P0} of the time)");
}
