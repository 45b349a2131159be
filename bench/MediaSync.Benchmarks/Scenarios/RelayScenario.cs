using MediaSync.TestSupport;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MediaSync.Benchmarks.Harness;
using MediaSync.Streams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>
/// <c>relay --viewers 100 [--seconds 4] [--warmup 1] [--rounds 2]</c>: an unthrottled TS upstream on
/// loopback relayed to many viewers, by <see cref="StreamRelay"/> and by a naive relay that holds one
/// lock while it writes each chunk to every viewer in turn. Measures aggregate delivered MB/s, what a
/// stalled viewer (never reads) costs the others, and the publisher's cost per chunk and viewer.
/// </summary>
internal sealed class RelayScenario : IBenchmarkScenario
{
    private const string StreamId = "bench";

    public string Name => "relay";

    public string Description => "multi-viewer relay vs lock-per-chunk baseline (--viewers 100 --seconds 4 --rounds 2)";

    public async Task<BenchmarkReport> RunAsync(BenchmarkArguments args, CancellationToken cancellationToken)
    {
        int viewers = args.Int("viewers", 100);
        var window = TimeSpan.FromSeconds(args.Double("seconds", 4));
        var warmup = TimeSpan.FromSeconds(args.Double("warmup", 1));
        int rounds = args.Int("rounds", 2);

        await using var upstream = await LoopbackServer.StartAsync(app => app.MapGet("/live/u/p/{id}", ServeUnthrottledUpstreamAsync));
        var upstreamUrl = new Uri(upstream.BaseAddress, "live/u/p/1.ts");
        using var upstreamClient = new HttpClient(StreamRelay.CreateHandler(new StreamRelayOptions())) { Timeout = Timeout.InfiniteTimeSpan };
        var naive = new NaiveRelay(upstreamClient, upstreamUrl);
        await using var relayHost = await LoopbackServer.StartAsync(
            app =>
            {
                app.MapStreamRelay();
                app.MapGet("/naive/{id}", naive.ServeAsync);
            },
            services =>
            {
                services.AddSingleton<IViewerSlotGate>(new AlwaysGrantGate());
                services.AddSingleton<IStreamSourceResolver>(new SingleSourceResolver(upstreamUrl));
                services.AddStreamRelay(o => o.GracePeriod = TimeSpan.FromMilliseconds(100));
            });
        var relay = relayHost.App.Services.GetRequiredService<StreamRelay>();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 10_000 }) { Timeout = Timeout.InfiniteTimeSpan };
        var ours = new Uri(relayHost.BaseAddress, $"api/streams/{StreamId}/live");
        var baseline = new Uri(relayHost.BaseAddress, $"naive/{StreamId}");

        var oursAlone = new List<double>();
        var oursWithStalled = new List<double>();
        var baselineAlone = new List<double>();
        var baselineWithStalled = new List<double>();
        var publishNs = new List<double>();
        var cpuShares = new List<double>();
        long droppedForStalled = 0;
        for (int round = 0; round < rounds; round++)
        {
            var alone = await MeasureAsync(client, ours, viewers, stalled: false, warmup, window, relay, cancellationToken);
            oursAlone.Add(alone.MBps);
            cpuShares.Add(alone.CpuShare);
            publishNs.Add(alone.PublishNsPerChunkPerViewer);
            var withStalled = await MeasureAsync(client, ours, viewers - 1, stalled: true, warmup, window, relay, cancellationToken);
            oursWithStalled.Add(withStalled.MBps / (viewers - 1) * viewers);
            droppedForStalled = withStalled.StalledViewerDrops;
            baselineAlone.Add((await MeasureAsync(client, baseline, viewers, stalled: false, warmup, window, null, cancellationToken)).MBps);
        }

        // One run is enough to show what a stalled viewer does to a relay that waits for it.
        var naiveStalled = await MeasureAsync(client, baseline, viewers - 1, stalled: true, warmup, window, null, cancellationToken);
        baselineWithStalled.Add(naiveStalled.MBps / (viewers - 1) * viewers);
        await naive.StopAsync();

        double aggregate = Median(oursAlone);
        double baselineAggregate = Median(baselineAlone);
        var report = new BenchmarkReport(Name, "loopback Kestrel (in-process upstream, relay and viewers)");
        report.Notes.Add($"{viewers} viewers, {rounds} rounds of {window.TotalSeconds:0.#} s after {warmup.TotalSeconds:0.#} s warm-up; medians; {Environment.ProcessorCount} cores");
        report.Notes.Add("fastViewerThroughputRatio = median over rounds of (fast viewers' MB/s with one stalled viewer) / (without), measured back to back");
        report.Notes.Add($"ours alone MB/s per round: {Join(oursAlone)}; with a stalled viewer (scaled to {viewers}): {Join(oursWithStalled)}");
        report.Notes.Add($"baseline alone MB/s per round: {Join(baselineAlone)}; with a stalled viewer: {Join(baselineWithStalled)}");
        report.Notes.Add($"process CPU while ours relayed (share of all cores): {string.Join(", ", cpuShares.Select(c => c.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)))}");
        report.Notes.Add($"chunks dropped for lagging viewers during the last stalled window (the stalled one and fast viewers momentarily behind an unthrottled upstream): {droppedForStalled}");
        report.Add("aggregateMBps", aggregate)
            .Add("baselineAggregateMBps", baselineAggregate)
            .Add("speedupVsBaseline", baselineAggregate > 0 ? aggregate / baselineAggregate : 0)
            .Add("fastViewerThroughputRatio", Median(oursWithStalled.Zip(oursAlone, (with, without) => with / without).ToList()))
            .Add("baselineFastViewerThroughputRatio", baselineAggregate > 0 ? Median(baselineWithStalled) / baselineAggregate : 0)
            .Add("publishNsPerChunkPerViewer", Median(publishNs));
        return report;
    }

    private static async Task<Measurement> MeasureAsync(
        HttpClient client, Uri url, int fastViewers, bool stalled, TimeSpan warmup, TimeSpan window, StreamRelay? relay, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var counters = new long[fastViewers];
        Socket? stalledViewer = null;
        if (stalled)
        {
            stalledViewer = await ConnectStalledViewerAsync(url);
        }

        var readers = Enumerable.Range(0, fastViewers).Select(i => Task.Run(() => ReadAsync(client, url, counters, i, stop.Token))).ToArray();
        await Task.Delay(warmup, TimeProvider.System, cancellationToken);

        RelayStreamStats? before = relay?.GetStats(StreamId);
        long start = SumCounters(counters);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.Delay(window, TimeProvider.System, cancellationToken);
        long bytes = SumCounters(counters) - start;
        double seconds = clock.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / seconds / Environment.ProcessorCount;

        RelayStreamStats? after = relay?.GetStats(StreamId);

        double publishNs = 0;
        long stalledDrops = 0;
        if (before is not null && after is not null)
        {
            long chunks = after.ChunksIn - before.ChunksIn;
            publishNs = chunks == 0 ? 0 : (after.PublishTime - before.PublishTime).TotalNanoseconds / chunks / Math.Max(1, after.Viewers);
            stalledDrops = after.ChunksDropped - before.ChunksDropped;
        }

        await stop.CancelAsync();
        stalledViewer?.Dispose();
        await Task.WhenAll(readers);
        if (relay is not null)
        {
            // The next measurement starts a fresh upstream after this one's grace period.
            var wait = Stopwatch.StartNew();
            while (relay.GetStats(StreamId) is not null && wait.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, cancellationToken);
            }
        }

        return new Measurement(bytes / seconds / 1_000_000, publishNs, stalledDrops, cpu);
    }

    private static long SumCounters(long[] counters)
    {
        long sum = 0;
        for (int i = 0; i < counters.Length; i++)
        {
            sum += Interlocked.Read(ref counters[i]);
        }

        return sum;
    }

    private static async Task ReadAsync(HttpClient client, Uri url, long[] counters, int index, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                Interlocked.Add(ref counters[index], read);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // Measurement over.
        }
    }

    private static async Task<Socket> ConnectStalledViewerAsync(Uri url)
    {
        // A tiny receive buffer and no reads: writes to this viewer block almost at once.
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 2048 };
        await socket.ConnectAsync(IPAddress.Loopback, url.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {url.PathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1:{url.Port}\r\n\r\n"));
        return socket;
    }

    private static async Task ServeUnthrottledUpstreamAsync(HttpContext context)
    {
        context.Response.ContentType = "video/mp2t";
        var block = new byte[188 * 350];
        for (int i = 0; i < block.Length; i += 188)
        {
            block[i] = 0x47;
        }

        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(block, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The relay closed the upstream.
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)));

    private sealed record Measurement(double MBps, double PublishNsPerChunkPerViewer, long StalledViewerDrops, double CpuShare);

    private sealed class AlwaysGrantGate : IViewerSlotGate
    {
        public ValueTask<ViewerSlotAcquisition> TryAcquireViewerAsync(string accountId, string streamId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ViewerSlotAcquisition.Granted(new ViewerSlotLease(accountId, streamId, Guid.NewGuid().ToString("N"), TimeSpan.FromMinutes(5))));

        public ValueTask<bool> RenewAsync(ViewerSlotLease lease, CancellationToken cancellationToken) => ValueTask.FromResult(true);

        public ValueTask ReleaseAsync(ViewerSlotLease lease, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class SingleSourceResolver(Uri url) : IStreamSourceResolver
    {
        public ValueTask<StreamSource?> ResolveAsync(string streamId, CancellationToken cancellationToken) =>
            ValueTask.FromResult<StreamSource?>(new StreamSource(url, "bench-account"));
    }

    /// <summary>
    /// The baseline: one upstream, one lock, and every chunk written to each viewer in turn while
    /// the lock is held — the simplest correct relay, and one slow viewer stalls everybody.
    /// </summary>
    private sealed class NaiveRelay(HttpClient http, Uri upstream)
    {
        private readonly SemaphoreSlim sendLock = new(1, 1);
        private readonly List<(Stream Body, TaskCompletionSource Done)> viewers = [];
        private readonly CancellationTokenSource stopping = new();
        private Task? pump;

        public async Task ServeAsync(HttpContext context)
        {
            context.Response.ContentType = "video/mp2t";
            await context.Response.StartAsync(context.RequestAborted);
            var viewer = (context.Response.Body, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            await sendLock.WaitAsync(context.RequestAborted);
            try
            {
                viewers.Add(viewer);
                pump ??= Task.Run(PumpAsync);
            }
            finally
            {
                sendLock.Release();
            }

            try
            {
                await viewer.Item2.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The viewer left; the pump drops it at its next failed write.
            }
        }

        public async Task StopAsync()
        {
            await stopping.CancelAsync();
            if (pump is not null)
            {
                await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        private async Task PumpAsync()
        {
            var token = stopping.Token;
            try
            {
                using var response = await http.GetAsync(upstream, HttpCompletionOption.ResponseHeadersRead, token);
                await using var body = await response.Content.ReadAsStreamAsync(token);
                var buffer = new byte[32 * 1024];
                while (true)
                {
                    int read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, token);
                    if (read == 0)
                    {
                        return;
                    }

                    await sendLock.WaitAsync(token);
                    try
                    {
                        for (int i = viewers.Count - 1; i >= 0; i--)
                        {
                            try
                            {
                                await viewers[i].Body.WriteAsync(buffer.AsMemory(0, read), token);
                            }
                            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException && !token.IsCancellationRequested)
                            {
                                viewers[i].Done.TrySetResult();
                                viewers.RemoveAt(i);
                            }
                        }
                    }
                    finally
                    {
                        sendLock.Release();
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Benchmark over.
            }
        }
    }
}
