using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MediaSync.Benchmarks.Harness;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Storage;
using MediaSync.Catalog.Xtream;
using MediaSync.Durable;
using MediaSync.Functions;
using MediaSync.Functions.Sync;
using MediaSync.Functions.Sync.Xtream;
using MediaSync.Sandbox;
using MediaSync.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>
/// A full Xtream sync of a sandbox catalog: ours (the whole app in this process: CatalogSync orchestration, kind lanes,
/// per-category streaming activities, series info for changed series only) against a baseline that syncs the kinds
/// one after another with every response buffered whole (whole-kind lists, series info one at a time), both writing
/// through the same batch writer into Azurite. Also the peak live managed heap growth of each run.
/// </summary>
internal sealed class XtreamSyncScenario : IBenchmarkScenario
{
    private const string SourceId = "bench";

    public string Name => "xtream-sync";

    public string Description => "full Xtream sync (orchestrated, streamed, per category) vs kinds in sequence with buffered responses";

    public async Task<BenchmarkReport> RunAsync(BenchmarkArguments args, CancellationToken cancellationToken)
    {
        var sandboxOptions = new SandboxOptions
        {
            Catalog =
            {
                LiveChannels = args.Int("live", 10_000),
                Movies = args.Int("vod", 50_000),
                Series = args.Int("series", 5_000),
                LiveCategories = args.Int("live-categories", 40),
                VodCategories = args.Int("vod-categories", 60),
                SeriesCategories = args.Int("series-categories", 20),
                SeasonsPerSeries = args.Int("seasons", 2),
                EpisodesPerSeason = args.Int("episodes", 5),
                TvShows = 0,
                Accounts = [new SandboxAccount { MaxConnections = args.Int("max-connections", 4) }],
            },
            MinLatency = TimeSpan.FromMilliseconds(args.Int("latency-ms", 100)),
            MaxLatency = TimeSpan.FromMilliseconds(args.Int("latency-ms", 100)),
            BandwidthBytesPerSecond = (long)(args.Double("bandwidth-mbps", 32) * 1_000_000 / 8),
        };
        bool skipBaseline = args.Flag("skip-baseline");

        await using var azurite = await AzuriteServer.StartAsync(TimeSpan.FromSeconds(60));
        await using var sandbox = await SandboxHost.StartAsync(sandboxOptions, cancellationToken);
        var report = new BenchmarkReport(Name, "Azurite (in-memory), sandbox on loopback, app in-process");
        var catalog = sandbox.Catalog;
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"catalog: {catalog.LiveChannelCount:N0} live, {catalog.MovieCount:N0} vod, {catalog.SeriesCount:N0} series × {sandboxOptions.Catalog.SeasonsPerSeries * sandboxOptions.Catalog.EpisodesPerSeason} episodes; latency {sandboxOptions.MinLatency.TotalMilliseconds} ms, {sandboxOptions.BandwidthBytesPerSecond * 8 / 1_000_000.0:0.#} Mbit/s per response, max_connections {sandbox.Account.MaxConnections}"));

        // Ours.
        var phases = new List<string>();
        var busyProfile = new List<double>();
        var ours = await MeasureAsync(() => RunOursAsync(azurite.ConnectionString, sandbox, phases, busyProfile, cancellationToken), cancellationToken);
        int oursPeakConnections = sandbox.Counters.PeakConnections(sandbox.Account.Username);
        long oursCalls = sandbox.Counters.TotalCalls;
        double busyConnections = sandbox.Counters.ApiCallTime(sandbox.Account.Username).TotalSeconds / ours.Seconds;
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"ours: {ours.Result.Status}, {ours.Result.Units} units, {ours.Result.Written:N0} written + {ours.Result.Skipped:N0} unchanged, {ours.Result.Failed} failed in {ours.Seconds:0.0}s; {oursCalls:N0} API calls, peak {oursPeakConnections} concurrent"));

        report.Notes.Add("ours by phase (custom status, seconds from start): " + string.Join(", ", phases));
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"ours kept {busyConnections:0.00} of the account's {sandbox.Account.MaxConnections} connections busy on average (the profile below shows when the others were idle)"));
        report.Notes.Add("ours: connections busy per 5 s: " + string.Join(" ", busyProfile.Select(b => b.ToString("0.0", CultureInfo.InvariantCulture))));
        report.Add("wallSeconds", ours.Seconds);
        double rows = ours.Result.Written + ours.Result.Skipped;
        if (!skipBaseline)
        {
            sandbox.Counters.Reset();
            var baseline = await MeasureAsync(() => RunBaselineAsync(azurite.ConnectionString, sandbox, cancellationToken), cancellationToken);
            report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"baseline: {baseline.Result:N0} rows in {baseline.Seconds:0.0}s; {sandbox.Counters.TotalCalls:N0} API calls, peak {sandbox.Counters.PeakConnections(sandbox.Account.Username)} concurrent"));
            report.Add("baselineWallSeconds", baseline.Seconds)
                .Add("speedup", baseline.Seconds / ours.Seconds)
                .Add("baselinePeakHeapMB", baseline.PeakHeapMB);
        }

        report.Add("peakHeapMB", ours.PeakHeapMB)
            .Add("rowsPerSec", rows / ours.Seconds)
            .Add("peakConnections", oursPeakConnections)
            .Add("meanBusyConnections", busyConnections)
            .Add("apiCalls", oursCalls);
        if (ours.Result.Status != CatalogSyncStatus.Completed || oursPeakConnections > sandbox.Account.MaxConnections)
        {
            report.Notes.Add("CHECK FAILED: the sync did not complete cleanly or exceeded the account's connection limit");
        }

        return report;
    }

    private static async Task<CatalogSyncResult> RunOursAsync(
        string connectionString, SandboxHost sandbox, List<string> phases, List<double> busyProfile, CancellationToken cancellationToken)
    {
        string root = Path.Combine(Path.GetTempPath(), "mediasync-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.Copy(Path.Combine(RepositoryRoot.Find(), "host.json"), Path.Combine(root, "host.json"));
        WebApplication app = MediaSyncApp.Build([$"--contentRoot={root}"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = connectionString,
                ["Host:MasterKey"] = "bench-master-key-0123456789",
                ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = UniqueNames.TaskHub("bench"),
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.100",
                ["Catalog:TablePrefix"] = "benchOurs",
                [$"Sources:{SourceId}:Kind"] = "Xtream",
                [$"Sources:{SourceId}:BaseUrl"] = sandbox.XtreamUri.ToString(),
                [$"Sources:{SourceId}:Username"] = sandbox.Account.Username,
                [$"Sources:{SourceId}:Password"] = sandbox.Account.Password,
            });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
        });
        await app.StartAsync(cancellationToken);
        try
        {
            var client = app.Services.GetRequiredService<DurableTaskClient>();
            string id = await client.ScheduleNewOrchestrationInstanceAsync(
                CatalogSyncOrchestrator.Name, new CatalogSyncInput(SourceId), new StartOrchestrationOptions(SyncInstanceIds.Parent(SourceId)), cancellationToken);
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task watch = WatchPhasesAsync(client, id, phases, () => sandbox.Counters.ApiCallTime(sandbox.Account.Username), busyProfile, watching.Token);
            OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken);
            await watching.CancelAsync();
            await watch;
            return done.ReadOutputAs<CatalogSyncResult>()
                ?? throw new InvalidOperationException($"The sync ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Polls the sync's custom status and notes when its phase (the kinds running at once) changes, and how many of the
    /// account's connections were busy in each 5 s: where our time goes.
    /// </summary>
    private static async Task WatchPhasesAsync(
        DurableTaskClient client, string instanceId, List<string> phases, Func<TimeSpan> connectionTime, List<double> busyProfile, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string? last = null;
        TimeSpan window = TimeSpan.FromSeconds(5);
        (TimeSpan At, TimeSpan Busy) mark = (TimeSpan.Zero, connectionTime());
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (clock.Elapsed - mark.At >= window)
                {
                    TimeSpan busy = connectionTime();
                    busyProfile.Add((busy - mark.Busy) / (clock.Elapsed - mark.At));
                    mark = (clock.Elapsed, busy);
                }

                OrchestrationMetadata? state = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
                if (state?.SerializedCustomStatus is { } status)
                {
                    using JsonDocument json = JsonDocument.Parse(status);
                    string phase = json.RootElement.TryGetProperty("phase", out JsonElement p) || json.RootElement.TryGetProperty("Phase", out p) ? p.ToString() : "?";
                    if (phase != last)
                    {
                        phases.Add(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.0} {phase}"));
                        last = phase;
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>The "before": one kind after another, each list fetched whole into memory, then every series one at a time.</summary>
    private static async Task<long> RunBaselineAsync(string connectionString, SandboxHost sandbox, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCatalogStore(o => (o.ConnectionString, o.TablePrefix) = (connectionString, "benchBase"));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<CatalogStore>();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        string api = $"{sandbox.XtreamUri}player_api.php?username={sandbox.Account.Username}&password={sandbox.Account.Password}";
        const string runId = "baseline";
        long rows = 0;
        var seriesIds = new List<string>();
        foreach (CatalogKind kind in XtreamKinds.SyncOrder)
        {
            string categoriesAction = kind switch { CatalogKind.Live => "get_live_categories", CatalogKind.Vod => "get_vod_categories", _ => "get_series_categories" };
            string listAction = kind switch { CatalogKind.Live => "get_live_streams", CatalogKind.Vod => "get_vod_streams", _ => "get_series" };
            using JsonDocument categories = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{api}&action={categoriesAction}"), cancellationToken));
            rows += (await store.WriteAsync(CatalogTable.Categories, runId, categories.RootElement.EnumerateArray()
                .Select(c => XtreamRows.Category(SourceId, new CatalogCategory(kind, c.GetProperty("category_id").ToString(), c.GetProperty("category_name").ToString(), null)))
                .ToAsyncEnumerable(), cancellationToken)).Total;

            string body = await http.GetStringAsync(new Uri($"{api}&action={listAction}"), cancellationToken);
            using JsonDocument list = JsonDocument.Parse(body);
            var items = list.RootElement.EnumerateArray().Select(e => XtreamMapperAccess.Item(kind, e)).ToList();
            if (kind == CatalogKind.Series)
            {
                seriesIds.AddRange(items.Select(i => i.ProviderId));
            }

            rows += (await store.WriteAsync(CatalogTable.Items, runId, items.Select(i => XtreamRows.Item(SourceId, i)).ToAsyncEnumerable(), cancellationToken)).Total;
        }

        foreach (string seriesId in seriesIds)
        {
            using JsonDocument info = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{api}&action=get_series_info&series_id={seriesId}"), cancellationToken));
            SeriesDetails details = XtreamMapperAccess.SeriesInfo(seriesId, info.RootElement);
            rows += (await store.WriteAsync(CatalogTable.Episodes, runId, details.AllEpisodes.Select(e => XtreamRows.Episode(SourceId, e)).ToAsyncEnumerable(), cancellationToken)).Total;
        }

        return rows;
    }

    /// <summary>
    /// Runs <paramref name="run"/> while sampling the live managed heap (after a full collection) every second. Each
    /// sample pauses the whole process for a blocking collection; at 4 samples a second a CPU trace showed those
    /// collections among the process's largest CPU users, slowing the run they measure. With memory flat by design, a
    /// second finds the same peak.
    /// </summary>
    private static async Task<(T Result, double Seconds, double PeakHeapMB)> MeasureAsync<T>(Func<Task<T>> run, CancellationToken cancellationToken)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        long start = GC.GetTotalMemory(forceFullCollection: true);
        long peak = start;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true);
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        T result = await run();
        double seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        return (result, seconds, (peak - start) / (1024.0 * 1024.0));
    }
}
