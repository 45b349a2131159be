using System.Diagnostics;
using MediaSync.Benchmarks.Harness;
using MediaSync.Durable;
using MediaSync.Durable.Engine;
using MediaSync.Durable.Partitioning;
using MediaSync.Durable.Storage;
using MediaSync.Durable.Storage.AzureStorage;
using MediaSync.Durable.Storage.InMemory;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>
/// The durable runtime's throughput against Durable Functions' published per-instance targets
/// (5 sequential activities/s, 100 fan-out activities/s, 150 fan-in responses/s, 50 external
/// events/s), with raw Azurite queue sends measured in the same run as the reference.
/// </summary>
internal sealed class RuntimeScenario : IBenchmarkScenario
{
    public string Name => "runtime";

    public string Description => "durable runtime throughput: sequential, fan-out/fan-in, external events, entity ops (--backend azurite|memory)";

    public async Task<BenchmarkReport> RunAsync(BenchmarkArguments args, CancellationToken cancellationToken)
    {
        string backend = args.String("backend", "azurite");
        int chain = args.Int("chain", 100);
        int fanOut = args.Int("fanout", 1000);
        int events = args.Int("events", 500);
        int entityOps = args.Int("entityops", 1000);
        int slotOps = args.Int("slotops", 40);

        AzuriteServer? azurite = backend == "azurite" ? await AzuriteServer.StartAsync(TimeSpan.FromSeconds(60)) : null;
        try
        {
            IStorageProvider raw = azurite is null ? new InMemoryStorageProvider() : new AzureStorageProvider(azurite.ConnectionString);
            var storage = new CountingStorageProvider(raw);
            var report = new BenchmarkReport(Name, backend);

            double queueSends = azurite is null ? 0 : await MeasureQueueSendsAsync(raw, cancellationToken);

            int fanOutExecuted = 0;
            long firstFanOutDone = 0;
            var clock = Stopwatch.StartNew();
            using var host = await StartHostAsync(storage, r => r
                .AddSlotLatency(new EntityInstanceId("BenchCounter", "slots-baseline"), nameof(BenchCounter.Get))
                .AddEntity<BenchCounter>("BenchCounter")
                .AddActivityFunc<int, int>("Noop", (_, x) => x)
                .AddActivityFunc<int, int>("FanNoop", (_, x) =>
                {
                    if (Interlocked.Increment(ref fanOutExecuted) == 1)
                    {
                        Interlocked.Exchange(ref firstFanOutDone, clock.Elapsed.Ticks);
                    }

                    return x;
                })
                .AddOrchestratorFunc<int, int>("Chain", async (ctx, n) =>
                {
                    int v = 0;
                    for (int i = 0; i < n; i++)
                    {
                        v = await ctx.CallActivityAsync<int>("Noop", v + 1);
                    }

                    return v;
                })
                .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
                    (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("FanNoop", i)))).Length)
                .AddOrchestratorFunc<int, int>("Listener", async (ctx, n) =>
                {
                    int sum = 0;
                    for (int i = 0; i < n; i++)
                    {
                        sum += await ctx.WaitForExternalEvent<int>("tick");
                    }

                    return sum;
                }));
            var client = host.Services.GetRequiredService<DurableTaskClient>();

            // Warm-up: JIT, connections, table and queue creation.
            await RunAsync(client, "Chain", 3, cancellationToken);

            storage.Reset();
            var t = Stopwatch.StartNew();
            await RunAsync(client, "Chain", chain, cancellationToken);
            double sequential = chain / t.Elapsed.TotalSeconds;
            double opsPerSequentialActivity = storage.Total / (double)chain;

            storage.Reset();
            clock.Restart();
            await RunAsync(client, "FanOut", fanOut, cancellationToken);
            double fanOutSeconds = clock.Elapsed.TotalSeconds;
            double fanInSeconds = fanOutSeconds - TimeSpan.FromTicks(Interlocked.Read(ref firstFanOutDone)).TotalSeconds;
            double opsPerFanOutActivity = storage.Total / (double)fanOut;
            var fanOutCounts = storage.Counts.ToDictionary(kv => kv.Key, kv => kv.Value);

            storage.Reset();
            string listener = await client.ScheduleNewOrchestrationInstanceAsync("Listener", events, null, cancellationToken);
            await client.WaitForInstanceStartAsync(listener, false, cancellationToken);
            t.Restart();
            await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
                await client.RaiseEventAsync(listener, "tick", 1, ct));
            var done = await client.WaitForInstanceCompletionAsync(listener, true, cancellationToken);
            double eventsPerSec = events / t.Elapsed.TotalSeconds;
            if (done.ReadOutputAs<int>() != events)
            {
                throw new InvalidOperationException($"Listener counted {done.ReadOutputAs<int>()} of {events} events.");
            }

            storage.Reset();
            var (entityOpsPerSec, entitySendSeconds, entityCommits) = await MeasureEntityOpsAsync(host.Services, entityOps, cancellationToken);
            double opsPerEntityOp = storage.Total / (double)entityOps;

            var (slotGrantP50, entityCallP50) = await SlotLatency.MeasureGrantAsync(client, slotOps, cancellationToken);
            double slotHandoverP50 = await SlotLatency.MeasureHandoverAsync(client, slotOps, cancellationToken);

            report.Add("sequentialActivitiesPerSec", sequential)
                .Add("fanOutActivitiesPerSec", fanOut / fanOutSeconds)
                .Add("fanInResponsesPerSec", fanOut / Math.Max(fanInSeconds, 0.001))
                .Add("externalEventsPerSec", eventsPerSec)
                .Add("azuriteQueueSendsPerSec", queueSends)
                .Add("storageOpsPerSequentialActivity", opsPerSequentialActivity)
                .Add("storageOpsPerFanOutActivity", opsPerFanOutActivity)
                .Add("sequentialVsTarget", sequential / 5)
                .Add("fanOutVsTarget", fanOut / fanOutSeconds / 100)
                .Add("fanInVsTarget", fanOut / Math.Max(fanInSeconds, 0.001) / 150)
                .Add("externalEventsVsTarget", eventsPerSec / 50)
                .Add("entityOpsPerSec", entityOpsPerSec)
                .Add("entityOpsVsTarget", entityOpsPerSec / 64)
                .Add("entityBatchCommits", entityCommits)
                .Add("entityClientSendSeconds", entitySendSeconds)
                .Add("storageOpsPerEntityOp", opsPerEntityOp)
                .Add("slotGrantP50Ms", slotGrantP50)
                .Add("slotHandoverP50Ms", slotHandoverP50)
                .Add("entityCallP50Ms", entityCallP50)
                .Add("slotGrantVsEntityCall", slotGrantP50 / Math.Max(entityCallP50, 0.001))
                .Add("slotHandoverVsEntityCall", slotHandoverP50 / Math.Max(entityCallP50, 0.001));
            report.Notes.Add($"slots: p50 of {slotOps} free-slot acquires (account + global call) and of {slotOps - 1} hand-overs (release → next waiter's grant → its global call), by the orchestrations' turn clock; baseline = one orchestration→entity call");
            report.Notes.Add($"{entityOps} client signals to one entity (16 in parallel), timed until its state shows all applied; the published Durable Functions target is 64 entity ops/s");
            report.Notes.Add($"chain of {chain}, fan-out of {fanOut}, {events} events; targets are Durable Functions' published per-instance numbers (5, 100, 150, 50 /s)");
            report.Notes.Add("fan-out storage ops: " + string.Join(", ", fanOutCounts.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}")));
            await host.StopAsync(cancellationToken);
            return report;
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }

    /// <summary>Signals one entity <paramref name="count"/> times from the client and waits until its state shows them all; also returns how many commits (batches) that took.</summary>
    private static async Task<(double OpsPerSecond, double SendSeconds, long Commits)> MeasureEntityOpsAsync(IServiceProvider services, int count, CancellationToken ct)
    {
        var client = services.GetRequiredService<DurableTaskClient>();
        var instances = services.GetRequiredService<TaskHub>().Instances;
        var id = new EntityInstanceId("BenchCounter", "ops");
        await client.Entities.SignalEntityAsync(id, "Add", 0, null, ct);
        await WaitForEntityAsync(client, id, 0, ct); // warm-up: the entity exists and is cached by the worker
        long commitsBefore = (await instances.GetStateAsync(id.ToString(), ct))!.Value.State.CommitSeq;

        var t = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, c) =>
            await client.Entities.SignalEntityAsync(id, "Add", 1, null, c));
        double sendSeconds = t.Elapsed.TotalSeconds;
        await WaitForEntityAsync(client, id, count, ct);
        double perSecond = count / t.Elapsed.TotalSeconds;
        long commitsAfter = (await instances.GetStateAsync(id.ToString(), ct))!.Value.State.CommitSeq;
        return (perSecond, sendSeconds, commitsAfter - commitsBefore);
    }

    private static async Task WaitForEntityAsync(DurableTaskClient client, EntityInstanceId id, int expected, CancellationToken ct)
    {
        while ((await client.Entities.GetEntityAsync<int>(id, ct))?.State != expected)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, ct);
        }
    }

    /// <summary>A counter: the entity of the entity-throughput measurement.</summary>
    private sealed class BenchCounter : TaskEntity<int>
    {
        public void Add(int amount) => State += amount;

        public int Get() => State;
    }

    private static async Task RunAsync(DurableTaskClient client, string name, int input, CancellationToken ct)
    {
        string id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, null, ct);
        var result = await client.WaitForInstanceCompletionAsync(id, true, ct);
        if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{name} ended {result.RuntimeStatus}: {result.FailureDetails}");
        }
    }

    private static async Task<IHost> StartHostAsync(IStorageProvider storage, Action<DurableTaskRegistry> tasks)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddMediaSyncDurable(o => o.HubName = "bench" + Guid.NewGuid().ToString("N")[..8])
            .AddTasks(tasks)
            .UseStorage(_ => storage);
        builder.Services.AddSingleton<IPartitionManager>(_ => new AllPartitionsManager(4));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<double> MeasureQueueSendsAsync(IStorageProvider storage, CancellationToken ct)
    {
        var queue = storage.GetQueue("rawsends" + Guid.NewGuid().ToString("N")[..8]);
        await queue.CreateIfNotExistsAsync(ct);
        const int count = 2000;
        var t = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, c) =>
            await queue.SendAsync("{\"m\":[]}", TimeSpan.Zero, c));
        double rate = count / t.Elapsed.TotalSeconds;
        await queue.DeleteIfExistsAsync(ct);
        return rate;
    }
}
