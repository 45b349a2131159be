using System.Collections.Concurrent;
using MediaSync.Durable.Tests.Faults;
using MediaSync.TestSupport;

namespace MediaSync.Durable.Tests.Conformance;

/// <summary>Group 5: determinism and replay.</summary>
public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task Nondeterminism_ChangedActivityName_Fails()
    {
        var nameByInstance = new ConcurrentDictionary<string, string>();
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("A", (_, x) => x)
            .AddActivityFunc<string, string>("B", (_, x) => x)
            .AddOrchestratorFunc<object?, string>("Shifty", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>(nameByInstance.GetOrAdd(ctx.InstanceId, "A"), "x");
                return await ctx.WaitForExternalEvent<string>("go");
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Shifty");
        await WaitForStatusAsync(host, id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "the orchestrator runs");
        await Eventually.TrueAsync(async () => (await host.Client.GetInstanceHistoryAsync(id)).Any(e => e.GetProperty("eventType").GetString() == "TaskCompleted"), Timeout, "activity A completed");
        nameByInstance[id] = "B";
        await host.Client.RaiseEventAsync(id, "go", "now");

        var result = await WaitAsync(host, id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("Shifty", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("#0", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails.ErrorType);
    }

    [Fact]
    public async Task NonDurableAwait_Detected()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<object?, string>("Sleepy", async (ctx, _) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            return "should not complete";
        }));

        var result = await RunToCompletionAsync(host, "Sleepy");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("non-durable", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MultithreadedAccess_Throws()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("A", (_, x) => x)
            .AddOrchestratorFunc<object?, string>("Threaded", (ctx, _) =>
            {
                Task.Run(() => ctx.CallActivityAsync<string>("A", "x")).GetAwaiter().GetResult();
                return Task.FromResult("should not complete");
            }));

        var result = await RunToCompletionAsync(host, "Threaded");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("another thread", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewGuid_DeterministicAcrossReplays()
    {
        var seenByActivity = new ConcurrentQueue<Guid>();
        await using var host = await StartAsync(r => r
            .AddActivityFunc<Guid, Guid>("Record", (_, g) =>
            {
                seenByActivity.Enqueue(g);
                return g;
            })
            .AddOrchestratorFunc<object?, Guid[]>("Guids", async (ctx, _) =>
            {
                var first = ctx.NewGuid();
                await ctx.CallActivityAsync<Guid>("Record", first);
                var second = ctx.NewGuid();
                await ctx.CallActivityAsync<Guid>("Record", second);
                return [first, second];
            }));

        var result = await RunToCompletionAsync(host, "Guids");

        var output = result.ReadOutputAs<Guid[]>()!;
        Assert.Equal(seenByActivity.ToArray(), output);
        Assert.NotEqual(output[0], output[1]);
    }

    [Fact]
    public async Task CurrentUtcDateTime_FromHistory()
    {
        var seenByActivity = new ConcurrentQueue<DateTime>();
        await using var host = await StartAsync(r => r
            .AddActivityFunc<DateTime, DateTime>("Record", (_, t) =>
            {
                seenByActivity.Enqueue(t);
                return t;
            })
            .AddOrchestratorFunc<object?, DateTime[]>("Clock", async (ctx, _) =>
            {
                var t1 = ctx.CurrentUtcDateTime;
                await ctx.CallActivityAsync<DateTime>("Record", t1);
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(50), CancellationToken.None);
                return [t1, ctx.CurrentUtcDateTime];
            }));

        var result = await RunToCompletionAsync(host, "Clock");

        var output = result.ReadOutputAs<DateTime[]>()!;
        Assert.Equal(seenByActivity.Single(), output[0]);
        Assert.True(output[1] > output[0]);
    }

    [Fact]
    public async Task ReplaySafeLogger_Silent()
    {
        string marker = "replay-marker-" + Guid.NewGuid().ToString("N");
        await using var host = await StartAsync(r => AddChatty(r, marker));

        var result = await RunToCompletionAsync(host, "Chatty");

        Assert.Equal(3, result.ReadOutputAs<int>());
        Assert.Single(TestLog.Provider.Lines, l => l.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartTurnedBeforeItsPendingRow_FirstTurnCommitsOverTheRow_WithoutRunningAgain()
    {
        // The client sends the start message before it writes the Pending row (so a client that dies in between still
        // starts the instance). A poller can therefore load the instance before that row exists and commit after it:
        // here the client's write is held until the first turn is about to commit, and the commit until the client is done.
        string marker = "first-turn-" + Guid.NewGuid().ToString("N");
        var turnCommitting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clientDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Interleave(StorageCall call)
        {
            if (call.Operation != "Batch" || !call.Resource.EndsWith("History", StringComparison.Ordinal))
            {
                return;
            }

            if (call.Detail == "s" && !clientDone.Task.IsCompleted)
            {
                await turnCommitting.Task.WaitAsync(Timeout);
            }
            else if (call.Detail.StartsWith("s,p", StringComparison.Ordinal) && turnCommitting.TrySetResult())
            {
                await clientDone.Task.WaitAsync(Timeout);
            }
        }

        var storage = new FaultInjectingStorage(CreateStorage(), _ => CrashPoint.None, Interleave);
        await using var host = await StartAsync(
            r => AddChatty(r, marker),
            o =>
            {
                // Held local sends are handed over only after the Pending row; the race is with a storage receive.
                o.StorageProvider.LocalDispatch = false;
                o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(50);
            },
            storage);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chatty");
        Assert.True(turnCommitting.Task.IsCompleted, "the first turn loaded the instance before the client wrote its Pending row");
        clientDone.SetResult();
        var result = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
        Assert.Single(TestLog.Provider.Lines, l => l.Contains(marker, StringComparison.Ordinal));
    }

    private static void AddChatty(DurableTaskRegistry registry, string marker) => registry
        .AddActivityFunc<int, int>("Id", (_, x) => x)
        .AddOrchestratorFunc<object?, int>("Chatty", async (ctx, _) =>
        {
            var log = ctx.CreateReplaySafeLogger("Chatty");
#pragma warning disable CA2254 // The marker is the message.
            Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(log, marker);
#pragma warning restore CA2254
            int sum = 0;
            for (int i = 0; i < 3; i++)
            {
                sum += await ctx.CallActivityAsync<int>("Id", i);
            }

            return sum;
        });
}
