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

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>
/// The TvSync orchestration (in the app, durable runtime and store on Azurite) against a sandbox Jellyfin with fixed
/// latency, beside two baselines on the same sandbox and Azurite: <c>sequential</c> (the reference's "before": seasons
/// fetched twice, one call at a time, one upsert per row) and <c>reference</c> (5 shows at once, seasons in parallel,
/// batched writes).
/// </summary>
internal sealed class TvSyncScenario : IBenchmarkScenario
{
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
        await using SyncBenchApp app = await SyncBenchApp.StartAsync(azurite.ConnectionString, sandbox, "tvours");
        var report = new BenchmarkReport(Name, "app in-process, durable + store on Azurite (in-memory), sandbox Jellyfin on loopback");
        var client = new JellyfinClient(new HttpClient(), new JellyfinClientOptions { BaseUrl = sandbox.JellyfinUri, ApiKey = sandbox.Options.JellyfinApiKey });
        string library = sandbox.Catalog.JellyfinLibraryId;

        // Ours runs first: without this it alone would pay the first use of the sandbox's endpoints, the Jellyfin
        // client, the batch writer and the catalog tables (their creation), which the baselines after it then find warm.
        await ReferenceAsync(client, library, app.Store, "warm", 3, cancellationToken);
        await SyncBenchApp.SettleAsync(TimeSpan.FromSeconds(20), cancellationToken);

        sandbox.Counters.Reset();
        var cpu = CpuMeter.ForProcessWith("azurite.js", "--tablePort " + azurite.TablePort.ToString(CultureInfo.InvariantCulture));
        CpuMeter.Reading oursCpu = cpu.Read();
        SyncRun run = await app.Store.Checkpoints.StartRunAsync(SyncBenchApp.SourceId, SyncMode.Full, cancellationToken);
        (TvSyncResult ours, double wallSeconds) = await app.RunAsync<TvSyncResult>(
            TvSyncOrchestrator.Name, new TvSyncInput(SyncBenchApp.SourceId, SyncMode.Full, run.RunId, null), TvSyncOrchestrator.InstanceIdFor(SyncBenchApp.SourceId), cancellationToken);
        long apiCalls = sandbox.Counters.TotalCalls;
        string oursCpuNote = CpuNote(cpu.Read() - oursCpu);

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

        int expected = shows * seasons * episodes;
        report.Notes.Add($"ours: {ours.Units} units, {ours.Written:N0} rows written ({expected:N0} episodes + {shows} shows expected), {ours.Failed} failed, {apiCalls} API calls, {wallSeconds:0.00}s; {oursCpuNote}");
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
            .Add("speedupVsReference", referenceSeconds / wallSeconds);
        return report;
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
        string.Create(CultureInfo.InvariantCulture, $"cpu: this process {phase.OwnCpuSeconds:0.00}s, Azurite {phase.OtherCpuSeconds:0.00}s");
}
