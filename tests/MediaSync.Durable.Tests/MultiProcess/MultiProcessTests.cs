using MediaSync.Durable.Storage.AzureStorage;
using MediaSync.Durable.TestWorker;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaSync.Durable.Tests.MultiProcess;

/// <summary>Host processes on one task hub in Azurite: killed with SIGKILL, taken over, never losing or doubling a step.</summary>
public sealed class MultiProcessTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task HostKilled_200ActivityRun_CompletedByNewProcess_SameOutput()
    {
        string hub = UniqueNames.TaskHub();
        var client = CreateClient(hub);
        using var first = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, stepDelayMs: 10);
        string id = await client.ScheduleNewOrchestrationInstanceAsync("Steps", 200);

        await Eventually.TrueAsync(
            async () => (await client.GetInstanceAsync(id))?.ReadCustomStatusAs<Progress>()?.Done >= 40,
            Timeout,
            "the first process is well into the run");
        first.Kill();
        int doneAtKill = (await client.GetInstanceAsync(id))!.ReadCustomStatusAs<Progress>()!.Done;
        Assert.True(doneAtKill < 200, "the run finished before the kill; the test proves nothing");

        using var second = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, stepDelayMs: 10);
        using var cts = new CancellationTokenSource(Timeout);
        var result = await client.WaitForInstanceCompletionAsync(id, true, cts.Token);

        // Each step adds one to the previous step's result: 200 means every activity ran (at least once) in order.
        Assert.True(result.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{result.RuntimeStatus} {result.FailureDetails}\n{second.Output}");
        Assert.Equal(200, result.ReadOutputAs<int>());
        var history = await client.GetInstanceHistoryAsync(id);
        Assert.Equal(200, history.Count(e => e.GetProperty("eventType").GetString() == "TaskCompleted"));
        Assert.Equal(200, history.Count(e => e.GetProperty("eventType").GetString() == "TaskScheduled"));
    }

    [Fact]
    public async Task TwoHosts_20Orchestrations_OneKilledMidway_AllComplete()
    {
        string hub = UniqueNames.TaskHub();
        var client = CreateClient(hub);
        using var a = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, stepDelayMs: 30);
        using var b = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, stepDelayMs: 30);
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            client.ScheduleNewOrchestrationInstanceAsync("Steps", 30, new StartOrchestrationOptions($"multi-{i:D2}"))));

        await Eventually.TrueAsync(
            async () =>
            {
                int progressed = 0;
                foreach (string id in ids)
                {
                    if ((await client.GetInstanceAsync(id))?.ReadCustomStatusAs<Progress>()?.Done > 1)
                    {
                        progressed++;
                    }
                }

                return progressed >= 5;
            },
            Timeout,
            "both hosts are working");
        a.Kill();

        using var cts = new CancellationTokenSource(Timeout);
        var results = await Task.WhenAll(ids.Select(id => client.WaitForInstanceCompletionAsync(id, true, cts.Token)));

        Assert.All(results, r => Assert.Equal(30, r.ReadOutputAs<int>()));
    }

    private DurableTaskClient CreateClient(string hub)
    {
        // A client only: the worker is never started in this process.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMediaSyncDurable(o => o.HubName = hub).UseAzureStorage(azurite.ConnectionString);
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<DurableTaskOptions>>().Value;
        return provider.GetRequiredService<DurableTaskClient>();
    }

    private sealed record Progress(int Done, int Total);
}
