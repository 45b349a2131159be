using System.Collections.Concurrent;
using MediaSync.Durable.Storage;
using MediaSync.TestSupport;

namespace MediaSync.Durable.Tests.Conformance;

/// <summary>
/// The runtime's conformance suite (durable-runtime.md §16). Every backend runs it through a
/// derived class that supplies its storage; each test uses a fresh task hub.
/// </summary>
public abstract partial class DurableConformanceTests
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private protected abstract IStorageProvider CreateStorage();

    private protected async Task<DurableTestHost> StartAsync(Action<DurableTaskRegistry> tasks, Action<DurableTaskOptions>? configure = null, IStorageProvider? storage = null, string? hub = null) =>
        await DurableTestHost.StartAsync(storage ?? CreateStorage(), hub ?? UniqueNames.TaskHub(), tasks, configure);

    private protected static async Task<OrchestrationMetadata> RunToCompletionAsync(DurableTestHost host, string orchestrator, object? input = null, string? instanceId = null)
    {
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));
        using var cts = new CancellationTokenSource(Timeout);
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
    }

    private protected static async Task<OrchestrationMetadata> WaitAsync(DurableTestHost host, string id)
    {
        using var cts = new CancellationTokenSource(Timeout);
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
    }

    private protected static Task WaitForStatusAsync(DurableTestHost host, string id, Func<OrchestrationMetadata, bool> condition, string because) =>
        Eventually.TrueAsync(async () => await host.Client.GetInstanceAsync(id, true) is { } m && condition(m), Timeout, because);

    [Fact]
    public async Task HelloChain_ThreeActivities()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Hello", (_, name) => $"Hello {name}!")
            .AddOrchestratorFunc<object?, List<string>>("Chain", async (ctx, _) =>
            [
                await ctx.CallActivityAsync<string>("Hello", "Tokyo"),
                await ctx.CallActivityAsync<string>("Hello", "Seattle"),
                await ctx.CallActivityAsync<string>("Hello", "London"),
            ]));

        var result = await RunToCompletionAsync(host, "Chain");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!"], result.ReadOutputAs<List<string>>());
    }

    [Fact]
    public async Task FanOutFanIn_1000_ResultsInOrder()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Square", (_, x) => x * x)
            .AddOrchestratorFunc<int, int[]>("FanOut", async (ctx, n) =>
                await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Square", i)))));

        var result = await RunToCompletionAsync(host, "FanOut", 1000);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i * i), result.ReadOutputAs<int[]>()!);
    }

    [Fact]
    public async Task BoundedFanOut_NeverExceedsK()
    {
        int inFlight = 0, peak = 0;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Slow", async (_, x) =>
            {
                int now = Interlocked.Increment(ref inFlight);
                Peak.Raise(ref peak, now);
                await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
                Interlocked.Decrement(ref inFlight);
                return x == 7 ? throw new InvalidOperationException("item 7 is bad") : x + 100;
            })
            .AddOrchestratorFunc<object?, List<string>>("Bounded", async (ctx, _) =>
            {
                var results = await ctx.WhenAllBoundedAsync(Enumerable.Range(0, 20).ToList(), 3, i => ctx.CallActivityAsync<int>("Slow", i));
                return results.Select(r => r.Succeeded ? r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "failed:" + r.Failure!.ErrorMessage).ToList();
            }));

        var result = await RunToCompletionAsync(host, "Bounded");

        var output = result.ReadOutputAs<List<string>>()!;
        Assert.Equal(20, output.Count);
        Assert.Equal("100", output[0]);
        Assert.Contains("item 7 is bad", output[7], StringComparison.Ordinal);
        Assert.Equal("119", output[19]);
        Assert.InRange(peak, 1, 3);
    }

    [Fact]
    public async Task ActivityFailure_PropagatesDetails()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Boom", (_, _) => Throw<string>(new ArgumentException("bad provider page 3")))
            .AddOrchestratorFunc<object?, string>("Catcher", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallActivityAsync<string>("Boom", "x");
                    return "not reached";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}|{ex.FailureDetails.IsCausedBy<ArgumentException>()}";
                }
            })
            .AddOrchestratorFunc<object?, string>("Uncaught", async (ctx, _) => await ctx.CallActivityAsync<string>("Boom", "x")));

        var caught = await RunToCompletionAsync(host, "Catcher");
        var uncaught = await RunToCompletionAsync(host, "Uncaught");

        Assert.Equal("System.ArgumentException|bad provider page 3|True", caught.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Failed, uncaught.RuntimeStatus);
        Assert.Contains("bad provider page 3", uncaught.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_SucceedsOnThirdAttempt_BackoffHonoured()
    {
        var attempts = new ConcurrentQueue<DateTimeOffset>();
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Flaky", (_, _) =>
            {
                attempts.Enqueue(TimeProvider.System.GetUtcNow());
                return attempts.Count < 3 ? throw new TimeoutException("upstream timeout") : "ok";
            })
            .AddOrchestratorFunc<object?, string>("Retrying", async (ctx, _) =>
                await ctx.CallActivityAsync<string>("Flaky", null, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(300), backoffCoefficient: 2)))));

        var result = await RunToCompletionAsync(host, "Retrying");

        Assert.Equal("ok", result.ReadOutputAs<string>());
        var times = attempts.ToArray();
        Assert.Equal(3, times.Length);
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(250), $"first retry after {(times[1] - times[0]).TotalMilliseconds} ms");
        Assert.True(times[2] - times[1] >= TimeSpan.FromMilliseconds(550), $"second retry after {(times[2] - times[1]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Retry_HandlePredicateStopsRetry()
    {
        int calls = 0;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Fatal", (_, _) =>
            {
                Interlocked.Increment(ref calls);
                return Throw<string>(new UnauthorizedAccessException("wrong password"));
            })
            .AddOrchestratorFunc<object?, string>("NoRetryOnAuth", async (ctx, _) =>
                await ctx.CallActivityAsync<string>("Fatal", null, TaskOptions.FromRetryPolicy(
                    new RetryPolicy(5, TimeSpan.FromMilliseconds(50)) { HandleFailure = f => !f.IsCausedBy<UnauthorizedAccessException>() }))));

        var result = await RunToCompletionAsync(host, "NoRetryOnAuth");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task SubOrchestration_Completes()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Double", (_, x) => x * 2)
            .AddOrchestratorFunc<int, int>("Child", async (ctx, x) => await ctx.CallActivityAsync<int>("Double", x))
            .AddOrchestratorFunc<int, int>("Parent", async (ctx, n) =>
                (await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallSubOrchestratorAsync<int>("Child", i)))).Sum()));

        var result = await RunToCompletionAsync(host, "Parent", 5);

        Assert.Equal(30, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task SubOrchestration_FailurePropagates()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, int>("BadChild", (_, _) => throw new InvalidOperationException("child broke"))
            .AddOrchestratorFunc<object?, string>("Parent", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync<int>("BadChild", 1, new SubOrchestrationOptions("child-of-" + ctx.InstanceId));
                    return "no";
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorMessage;
                }
            }));

        var result = await RunToCompletionAsync(host, "Parent", instanceId: "parent1");
        var child = await host.Client.GetInstanceAsync("child-of-parent1");

        Assert.Equal("child broke", result.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Failed, child!.RuntimeStatus);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LocalDispatch_HopsWithinOneHost_NeedNoReceive(bool localDispatch)
    {
        var storage = new CountingStorageProvider(CreateStorage());
        await using var host = await StartAsync(
            r => r.AddActivityFunc<int, int>("Step", (_, x) => x + 1).AddOrchestratorFunc<int, int>("Steps", async (ctx, n) =>
            {
                int value = 0;
                for (int i = 0; i < n; i++)
                {
                    value = await ctx.CallActivityAsync<int>("Step", value);
                }

                return value;
            }),
            o => o.StorageProvider.LocalDispatch = localDispatch,
            storage);

        string id = "local-" + Guid.NewGuid().ToString("N")[..8];
        if (localDispatch)
        {
            // Until this host owns the instance's partition, a start goes through storage like any other host's.
            var hub = (Engine.TaskHub)host.Services.GetService(typeof(Engine.TaskHub))!;
            await Eventually.TrueAsync(() => hub.IsDispatchedHere(id), Timeout, "this host dispatches the instance's partition");
        }

        var result = await RunToCompletionAsync(host, "Steps", 3, id);

        Assert.Equal(3, result.ReadOutputAs<int>());
        long received = storage.Counts.GetValueOrDefault("queue.received");
        if (localDispatch)
        {
            // The start, three activity packs and three results all went from sender to dispatcher in this host.
            Assert.Equal(0, received);
        }
        else
        {
            Assert.True(received >= 7, $"{received} messages received");
        }
    }

    [Fact]
    public async Task LocalDispatch_InboxFull_OverflowIsReceivedWithoutWaitingForTheIdlePoll()
    {
        // One activity at a time makes the work-item inbox hold one pack, so most packs go through storage. With an idle
        // poll of an hour they are received in time only because a send that overflowed makes a receive due.
        await using var host = await StartAsync(
            r => r.AddActivityFunc<int, int>("Square", (_, x) => x * x).AddOrchestratorFunc<int, int>("FanOutSum", async (ctx, n) =>
                (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Square", i)))).Sum()),
            o =>
            {
                o.StorageProvider.LocalDispatch = true;
                o.MaxConcurrentActivityFunctions = 1;
                o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromHours(1);
            });

        var result = await RunToCompletionAsync(host, "FanOutSum", 40);

        Assert.Equal(Enumerable.Range(0, 40).Sum(i => i * i), result.ReadOutputAs<int>());
    }

    private protected static T Throw<T>(Exception exception) => throw exception;
}
