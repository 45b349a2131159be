using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediaSync.Benchmarks.Harness;
using MediaSync.Functions;
using MediaSync.Functions.Checks;
using MediaSync.Sandbox;
using MediaSync.Streams;
using MediaSync.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>
/// Stream checks under per-account limits (issue #7): the app's StreamCheck orchestration over Azurite against the
/// sandbox provider (which refuses, with 403, any stream over an account's limit and counts peaks), and the reference's
/// limiter run in the same process on the same sandbox: per-account and global counters polled with exponential back-off.
/// The probe time is the sandbox's latency on stream URLs (<c>--probe-ms</c>); probes read just enough to see MPEG-TS sync.
/// </summary>
internal sealed class StreamChecksScenario : IBenchmarkScenario
{
    private const string FunctionKey = "bench-function-key-0123456789";

    /// <summary>How long a probe reads after its first byte (the bitrate window): part of the time it holds its connection.</summary>
    private static readonly TimeSpan SampleWindow = TimeSpan.FromMilliseconds(20);

    public string Name => "stream-checks";


    public string Description => "StreamCheck under per-account limits vs a polling limiter: violations, makespan vs lower bound, slot waits";

    public async Task<BenchmarkReport> RunAsync(BenchmarkArguments args, CancellationToken cancellationToken)
    {
        int accounts = args.Int("accounts", 20);
        int streams = args.Int("streams", 500);
        (int probeMin, int probeMax) = args.Range("probe-ms", 50, 150);
        int globalLimit = args.Int("global", 10);
        int staggerMs = args.Int("stagger-ms", 0);
        int reconnectMs = args.Int("reconnect-ms", 10);
        int batch = args.Int("batch", new StreamCheckOptions().ProbeBatchSize);
        var random = new Random(args.Int("seed", 7));
        var limits = Enumerable.Range(0, accounts).ToDictionary(i => $"acc{i:D2}", _ => random.Next(1, 6));
        int channels = Math.Max(1, (streams + accounts - 1) / accounts);
        (string Account, string Stream)[] targets = [.. Enumerable.Range(0, accounts * channels).OrderBy(_ => random.Next()).Take(streams)
            .Select(i => ($"acc{i / channels:D2}", ((i % channels) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))];

        await using AzuriteServer azurite = await AzuriteServer.StartAsync(TimeSpan.FromSeconds(60));
        await using SandboxHost sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            Catalog = { LiveChannels = channels, Movies = 0, Series = 0, TvShows = 0, Accounts = [.. limits.Select(l => new SandboxAccount { Username = l.Key, Password = "pw-" + l.Key, MaxConnections = l.Value })] },
        }, cancellationToken);
        sandbox.Control.Scope = "xtream:stream:";
        sandbox.Control.SetLatency(TimeSpan.FromMilliseconds(probeMin), TimeSpan.FromMilliseconds(probeMax));
        var probeOptions = new StreamProberOptions { SampleWindow = SampleWindow, TotalTimeout = TimeSpan.FromSeconds(10) };

        var report = new BenchmarkReport(Name, "Azurite (in-memory) + sandbox, loopback");
        var ours = await RunOursAsync(azurite.ConnectionString, sandbox, limits, targets, globalLimit, staggerMs, reconnectMs, batch, cancellationToken);
        int oursViolations = Violations(sandbox, limits, ours.Refused);

        sandbox.Counters.Reset();
        // --skip-baseline: for trying our side's settings quickly; the ratios then compare with nothing.
        var baseline = args.Flag("skip-baseline") ? new RunResult(0, 0, [], 0, 0) : await RunBaselineAsync(sandbox, limits, targets, globalLimit, probeOptions, cancellationToken);
        int baselineViolations = Violations(sandbox, limits, baseline.Refused);

        report.Add("limitViolations", oursViolations)
            .Add("makespanSeconds", ours.MakespanSeconds)
            .Add("lowerBoundSeconds", ours.LowerBoundSeconds)
            .Add("makespanToLowerBound", ours.MakespanSeconds / ours.LowerBoundSeconds)
            .Add("acquireP50Ms", Percentile(ours.SlotWaitsMs, 0.50))
            .Add("acquireP99Ms", Percentile(ours.SlotWaitsMs, 0.99))
            .Add("checksOk", ours.Ok)
            .Add("baselineMakespanSeconds", baseline.MakespanSeconds)
            .Add("baselineLowerBoundSeconds", baseline.LowerBoundSeconds)
            .Add("baselineLimitViolations", baselineViolations)
            .Add("baselineAcquireP50Ms", Percentile(baseline.SlotWaitsMs, 0.50))
            .Add("baselineAcquireP99Ms", Percentile(baseline.SlotWaitsMs, 0.99))
            .Add("baselineChecksOk", baseline.Ok)
            .Add("loadAverage1m", LoadAverage());
        report.Notes.Add($"{streams} checks over {accounts} accounts (limits 1-5, seed {args.Int("seed", 7)}: {string.Join(" ", limits.Values)}), global cap {globalLimit}, probe {probeMin}-{probeMax} ms (sandbox latency on stream URLs), stagger {staggerMs} ms, reconnect delay {reconnectMs} ms, batches of up to {batch} streams");
        report.Notes.Add("lower bound = max(max over accounts of summed probe time / limit, all probe time / global cap), probe time = the time a probe holds its connection: its measured time to first byte + the sample window it then reads");
        if (reconnectMs > 0 && ours.LowerBoundSeconds > 0)
        {
            // The pause a slot keeps after each probe before its next connection is not in the bound; with it, the bound's
            // own arithmetic gives the least any scheduler holding that pause could reach.
            double withPauses = ours.LowerBoundSeconds + (reconnectMs / 1000.0 * streams / globalLimit);
            report.Notes.Add($"with the {reconnectMs} ms reconnect pause after each probe counted as slot time (global cap binding): {withPauses:0.000}s, {withPauses / ours.LowerBoundSeconds:0.000} x the lower bound, before any start-up");
        }

        report.Notes.Add("acquire waits: ours = each lane's wait for its account and global slots (a lane then probes batch after batch under them); baseline = each check's polling wait");
        report.Notes.Add($"ours: probes in flight per second (the global cap is {globalLimit}): {ours.InFlightTimeline}");
        report.Notes.Add($"ours: durable runtime storage requests during the check {ours.RuntimeStorageOps}");
        report.Notes.Add($"ours: idle time between consecutive probes of a single-lane account: {ours.LaneGaps}");
        report.Notes.Add($"ours: global slot-seconds from the first probe's start to the last one's end: {ours.SlotUse}");
        report.Notes.Add($"ours: the first probe started {ours.StartupSeconds:0.000}s after the check was created; the check ended {ours.WindDownSeconds:0.000}s after the last probe");
        report.Notes.Add("violations = streams the sandbox refused (403 over the limit) + accounts whose peak open streams exceeded the limit");
        report.Notes.Add($"ours: makespan is the StreamCheck orchestration's own start-to-end time; {Environment.ProcessorCount} cores, load average {LoadAverage():0.0} at the end");
        return report;
    }

    private static async Task<RunResult> RunOursAsync(
        string connectionString, SandboxHost sandbox, Dictionary<string, int> limits, (string Account, string Stream)[] targets, int globalLimit, int staggerMs, int reconnectMs, int batch, CancellationToken cancellationToken)
    {
        string root = Path.Combine(Path.GetTempPath(), "mediasync-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.Copy(Path.Combine(RepositoryRoot.Find(), "host.json"), Path.Combine(root, "host.json"));
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Host:MasterKey"] = "bench-master-key-0123456789",
            ["Host:Keys:Default"] = FunctionKey,
            ["Host:SystemKeys:durabletask_extension"] = "bench-system-key-0123456789",
            ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = "benchchecks",
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
            ["Catalog:TablePrefix"] = "bench",
            ["Checks:GlobalLimit"] = globalLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Checks:StaggerDelay"] = TimeSpan.FromMilliseconds(staggerMs).ToString(),
            ["Checks:ReconnectDelay"] = TimeSpan.FromMilliseconds(reconnectMs).ToString(),
            ["Checks:ProbeBatchSize"] = batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Checks:MaxExplicitStreams"] = "10000",
            ["Streams:Probe:SampleWindow"] = SampleWindow.ToString(),
            ["Streams:Probe:TotalTimeout"] = "00:00:10",
        };
        foreach (string account in limits.Keys)
        {
            settings[$"Sources:{account}:Kind"] = "xtream";
            settings[$"Sources:{account}:BaseUrl"] = sandbox.XtreamUri.ToString();
            settings[$"Sources:{account}:Username"] = account;
            settings[$"Sources:{account}:Password"] = "pw-" + account;
        }

        MediaSync.Durable.Storage.CountingStorageProvider? counting = null;
        WebApplication app = MediaSyncApp.Build([$"--contentRoot={root}"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
        },
        services =>
        {
            // Every storage request the runtime makes, counted by operation: the check's cost on the one Azurite.
            ServiceDescriptor storage = services.Last(d => d.ServiceType == typeof(MediaSync.Durable.Storage.IStorageProvider));
            services.Add(ServiceDescriptor.Singleton<MediaSync.Durable.Storage.IStorageProvider>(sp =>
                counting ??= new MediaSync.Durable.Storage.CountingStorageProvider((MediaSync.Durable.Storage.IStorageProvider)storage.ImplementationFactory!(sp))));
        });
        await using (app)
        {
            await app.StartAsync(cancellationToken);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            using var http = new HttpClient { BaseAddress = address };
            http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);

            // Warm-up: JIT, tables, queues, the slot entities.
            await RunCheckAsync(http, [targets[0]], cancellationToken);
            sandbox.Counters.Reset();
            counting?.Reset();

            JsonElement status = await RunCheckAsync(http, targets, cancellationToken);
            JsonElement summary = status.GetProperty("summary");
            double makespan = summary.GetProperty("elapsedSeconds").GetDouble();
            DateTimeOffset createdAt = status.GetProperty("createdAt").GetDateTimeOffset();
            DateTimeOffset endedAt = status.GetProperty("lastUpdatedAt").GetDateTimeOffset();
            StreamHealthStore health = app.Services.GetRequiredService<StreamHealthStore>();
            var probes = new List<(string Account, double ProbeMs, double? WaitMs, DateTimeOffset End, string Status, int? Http)>();
            foreach (string account in limits.Keys)
            {
                StreamHealthPage page = await health.ListAsync(account, null, 1000, cancellationToken);
                probes.AddRange(page.Items.Select(e => (
                    account, (double)(e.TtfbMs ?? 0) + SampleWindow.TotalMilliseconds, (double?)e.History[0].SlotWaitMs, e.History[0].CheckedAt, e.Status, e.HttpStatus)));
            }

            string storageOps = counting is null ? "not counted" : $"{counting.Total}: " + string.Join(", ", counting.Counts.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}"));
            await app.StopAsync(cancellationToken);

            // A lane waits for its slot once and then probes batch after batch: the waits are the lanes' acquisitions.
            return new RunResult(makespan, LowerBound(probes.Select(p => (p.Account, p.ProbeMs)), limits, globalLimit), [.. probes.Where(p => p.WaitMs is not null).Select(p => p.WaitMs!.Value)],
                probes.Count(p => p.Status == "Ok"), probes.Count(p => p.Http == (int)HttpStatusCode.Forbidden), Timeline(probes.Select(p => (p.End, p.ProbeMs))),
                (probes.Min(p => p.End.AddMilliseconds(-p.ProbeMs)) - createdAt).TotalSeconds, (endedAt - probes.Max(p => p.End)).TotalSeconds, storageOps,
                LaneGaps(probes.Where(p => limits[p.Account] == 1).Select(p => (p.Account, p.End, p.ProbeMs))),
                SlotUse(probes.Select(p => (p.Account, p.End, p.ProbeMs)), globalLimit));
        }
    }

    /// <summary>
    /// The idle time between one probe's end and the next one's start on accounts with a single lane (limit 1): what a
    /// held slot costs beyond the probes themselves (the reconnect pause, activity turns, lease reads).
    /// </summary>
    private static string LaneGaps(IEnumerable<(string Account, DateTimeOffset End, double ProbeMs)> probes)
    {
        double[] gaps = [.. probes.GroupBy(p => p.Account)
            .SelectMany(g => Gaps(g.Select(p => (p.End.AddMilliseconds(-p.ProbeMs), p.End))))
            .Select(g => g.TotalMilliseconds)
            .Order()];
        if (gaps.Length == 0)
        {
            return "no single-lane account";
        }

        double At(double q) => gaps[Math.Min(gaps.Length - 1, (int)(q * gaps.Length))];
        return $"{gaps.Length} gaps, mean {gaps.Average():0.0} ms, p10 {At(0.1):0.0}, p50 {At(0.5):0.0}, p90 {At(0.9):0.0}, max {gaps[^1]:0.0} ms";
    }

    /// <summary>The time from each probe's end to the next one's start, in start order (negative where two overlapped).</summary>
    private static IEnumerable<TimeSpan> Gaps(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> probes)
    {
        var ordered = probes.OrderBy(p => p.Start).ToList();
        return ordered.Skip(1).Select((p, i) => p.Start - ordered[i].End);
    }

    /// <summary>
    /// Where the global slots' time went: probing, idle between two probes of one account whose probes never overlap (a
    /// single lane: the reconnect pause and activity turns), and the rest (lanes handing slots on, the ramp and the tail).
    /// </summary>
    private static string SlotUse(IEnumerable<(string Account, DateTimeOffset End, double ProbeMs)> probes, int globalLimit)
    {
        var list = probes.Select(p => (p.Account, Start: p.End.AddMilliseconds(-p.ProbeMs), p.End)).ToList();
        double span = (list.Max(p => p.End) - list.Min(p => p.Start)).TotalSeconds;
        double probing = list.Sum(p => (p.End - p.Start).TotalSeconds);
        var byAccount = list.GroupBy(p => p.Account).ToList();
        double laneIdle = 0;
        int singleLane = 0;
        foreach (var account in byAccount)
        {
            var gaps = Gaps(account.Select(p => (p.Start, p.End))).ToList();
            if (gaps.All(g => g >= TimeSpan.Zero))
            {
                singleLane++;
                laneIdle += gaps.Sum(g => g.TotalSeconds);
            }
        }

        double total = span * globalLimit;
        string use = $"{total:0.0} = probing {probing:0.0} + between probes of {singleLane} single-lane accounts {laneIdle:0.0} + rest {total - probing - laneIdle:0.0}";

        // With one lane per account, the accounts after the first cap-full start when a lane before them ends: pairing
        // the ends and the later starts in time order gives how long a global slot sat idle as it passed on.
        var accounts = byAccount.Select(g => (Start: g.Min(p => p.Start), End: g.Max(p => p.End))).ToList();
        if (singleLane == accounts.Count && accounts.Count > globalLimit)
        {
            var ends = accounts.Select(a => a.End).Order().ToList();
            var starts = accounts.Select(a => a.Start).Order().Skip(globalLimit).ToList();
            double[] handoffs = [.. starts.Select((s, i) => (s - ends[i]).TotalMilliseconds).Order()];
            use += $"; {handoffs.Length} hand-ons: p50 {handoffs[handoffs.Length / 2]:0} ms, max {handoffs[^1]:0} ms; first {globalLimit} lanes started within {(accounts.Select(a => a.Start).Order().ElementAt(globalLimit - 1) - accounts.Min(a => a.Start)).TotalMilliseconds:0} ms";
        }

        return use;
    }

    private static async Task<JsonElement> RunCheckAsync(HttpClient http, (string Account, string Stream)[] targets, CancellationToken cancellationToken)
    {
        using HttpResponseMessage started = await http.PostAsJsonAsync("/api/checks", new { streams = targets.Select(t => new { account = t.Account, stream = t.Stream }) }, cancellationToken);
        started.EnsureSuccessStatusCode();
        string id = (await started.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()!;
        while (true)
        {
            JsonElement status = await http.GetFromJsonAsync<JsonElement>($"/api/checks/{id}", cancellationToken);
            string runtime = status.GetProperty("runtimeStatus").GetString()!;
            if (runtime == "Completed")
            {
                return status;
            }

            if (runtime is not ("Running" or "Pending"))
            {
                throw new InvalidOperationException($"Check {id} ended {runtime}: {status}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, cancellationToken);
        }
    }

    /// <summary>The reference's limiter: every check polls the account's and the global counter, backing off exponentially (10 ms doubling to 1 s), then probes.</summary>
    private static async Task<RunResult> RunBaselineAsync(
        SandboxHost sandbox, Dictionary<string, int> limits, (string Account, string Stream)[] targets, int globalLimit, StreamProberOptions options, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(StreamProber.CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan };
        var prober = new StreamProber(http, Options.Create(options), TimeProvider.System, NullLogger<StreamProber>.Instance);
        var inUse = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var gate = new Lock();
        int global = 0;
        var probes = new ConcurrentBag<(string Account, double ProbeMs, double WaitMs, StreamProbeResult Result)>();

        bool TryTake(string account)
        {
            lock (gate)
            {
                if (global >= globalLimit || inUse.GetValueOrDefault(account) >= limits[account])
                {
                    return false;
                }

                global++;
                inUse[account] = inUse.GetValueOrDefault(account) + 1;
                return true;
            }
        }

        void Give(string account)
        {
            lock (gate)
            {
                global--;
                inUse[account]--;
            }
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(targets.Select(async target =>
        {
            var waited = Stopwatch.StartNew();
            var backoff = TimeSpan.FromMilliseconds(10);
            while (!TryTake(target.Account))
            {
                await Task.Delay(backoff, TimeProvider.System, cancellationToken);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 1000));
            }

            double waitMs = waited.Elapsed.TotalMilliseconds;
            try
            {
                var url = new Uri(sandbox.XtreamUri, $"live/{target.Account}/pw-{target.Account}/{target.Stream}.ts");
                StreamProbeResult result = await prober.ProbeAsync(url, null, cancellationToken);
                probes.Add((target.Account, (result.TtfbMs ?? 0) + SampleWindow.TotalMilliseconds, waitMs, result));
            }
            finally
            {
                Give(target.Account);
            }
        }));
        double makespan = clock.Elapsed.TotalSeconds;
        return new RunResult(makespan, LowerBound(probes.Select(p => (p.Account, p.ProbeMs)), limits, globalLimit), [.. probes.Select(p => p.WaitMs)],
            probes.Count(p => p.Result.IsOk), probes.Count(p => p.Result.HttpStatus == (int)HttpStatusCode.Forbidden));
    }

    /// <summary>Probes in flight, averaged per second from the first probe's start: how well the global slots were used.</summary>
    private static string Timeline(IEnumerable<(DateTimeOffset End, double Ms)> probes)
    {
        var list = probes.Select(p => (Start: p.End - TimeSpan.FromMilliseconds(p.Ms), p.End)).ToList();
        DateTimeOffset first = list.Min(p => p.Start);
        int seconds = (int)Math.Ceiling((list.Max(p => p.End) - first).TotalSeconds);
        var busy = new double[seconds];
        foreach ((DateTimeOffset start, DateTimeOffset end) in list)
        {
            for (int i = 0; i < seconds; i++)
            {
                DateTimeOffset from = first.AddSeconds(i);
                DateTimeOffset to = from.AddSeconds(1);
                double overlap = ((end < to ? end : to) - (start > from ? start : from)).TotalSeconds;
                busy[i] += Math.Max(0, overlap);
            }
        }

        return string.Join(" ", busy.Select(b => b.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static double LowerBound(IEnumerable<(string Account, double ProbeMs)> probes, Dictionary<string, int> limits, int globalLimit)
    {
        var list = probes.ToList();
        double perAccount = list.GroupBy(p => p.Account).Max(g => g.Sum(p => p.ProbeMs) / limits[g.Key]);
        double overall = list.Sum(p => p.ProbeMs) / globalLimit;
        return Math.Max(perAccount, overall) / 1000;
    }

    private static int Violations(SandboxHost sandbox, Dictionary<string, int> limits, int refused) =>
        refused + limits.Count(l => sandbox.Counters.PeakStreams(l.Key) > l.Value);

    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        double[] sorted = [.. values.Order()];
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static double LoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private sealed record RunResult(double MakespanSeconds, double LowerBoundSeconds, IReadOnlyList<double> SlotWaitsMs, int Ok, int Refused, string? InFlightTimeline = null, double StartupSeconds = 0, double WindDownSeconds = 0, string? RuntimeStorageOps = null, string? LaneGaps = null, string? SlotUse = null);
}
