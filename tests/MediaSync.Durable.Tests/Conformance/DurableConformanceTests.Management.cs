using System.Text;
using MediaSync.TestSupport;

namespace MediaSync.Durable.Tests.Conformance;

/// <summary>Groups 6, 7 and 11: suspend, terminate, purge, query, start rules and large payloads.</summary>
public abstract partial class DurableConformanceTests
{
    private static void AddWaiter(DurableTaskRegistry r) => r
        .AddActivityFunc<string, string>("Echo", (_, x) => x)
        .AddOrchestratorFunc<object?, string>("Waiter", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go"))
        .AddOrchestratorFunc<int, string>("ParentOfWaiters", async (ctx, n) =>
        {
            await Task.WhenAll(Enumerable.Range(0, n).Select(i =>
                ctx.CallSubOrchestratorAsync<string>("Waiter", null, new SubOrchestrationOptions($"{ctx.InstanceId}-child{i}"))));
            return "children done";
        })
        .AddOrchestratorFunc<string, string>("Quick", async (ctx, x) => await ctx.CallActivityAsync<string>("Echo", x));

    [Fact]
    public async Task Suspend_Resume_WithholdsEvents()
    {
        await using var host = await StartAsync(AddWaiter);
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await WaitForStatusAsync(host, id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "it runs");

        await host.Client.SuspendInstanceAsync(id, "maintenance");
        await WaitForStatusAsync(host, id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "it is suspended");
        await host.Client.RaiseEventAsync(id, "go", "released");

        // The event is recorded but withheld: the instance stays suspended until resumed.
        await Eventually.TrueAsync(async () => (await host.Client.GetInstanceHistoryAsync(id)).Any(e => e.GetProperty("eventType").GetString() == "EventRaised"), Timeout, "the event is recorded");
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id, "done");
        var result = await WaitAsync(host, id);
        Assert.Equal("released", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_Running()
    {
        await using var host = await StartAsync(AddWaiter);
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await WaitForStatusAsync(host, id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "it runs");

        await host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("operator said stop"));

        var result = await WaitAsync(host, id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator said stop", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_Recursive()
    {
        await using var host = await StartAsync(AddWaiter);
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ParentOfWaiters", 3, new StartOrchestrationOptions("tree"));
        for (int i = 0; i < 3; i++)
        {
            await WaitForStatusAsync(host, $"tree-child{i}", m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, $"child {i} runs");
        }

        await host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("cascade", Recursive: true));

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await WaitAsync(host, id)).RuntimeStatus);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await WaitAsync(host, $"tree-child{i}")).RuntimeStatus);
        }
    }

    [Fact]
    public async Task Purge_RemovesRowsAndBlobs()
    {
        var storage = CreateStorage();
        string hub = MediaSync.TestSupport.UniqueNames.TaskHub();
        await using var host = await StartAsync(AddWaiter, storage: storage, hub: hub);
        string big = new('x', 200_000);
        var done = await RunToCompletionAsync(host, "Quick", big, "purge-me");
        Assert.Equal(big, done.ReadOutputAs<string>());

        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions("still-running"));
        await WaitForStatusAsync(host, running, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "it runs");

        Assert.Equal(1, (await host.Client.PurgeInstanceAsync("purge-me")).PurgedInstanceCount);
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync("still-running")).PurgedInstanceCount);

        Assert.Null(await host.Client.GetInstanceAsync("purge-me"));
        var container = storage.GetContainer(hub.ToLowerInvariant() + "-largemessages");
        var leftovers = new List<string>();
        await foreach (string name in container.ListAsync("purge-me/", CancellationToken.None))
        {
            leftovers.Add(name);
        }

        Assert.Empty(leftovers);
        var rows = await storage.GetTable(hub + "History").QueryAsync(new MediaSync.Durable.Storage.TableQuery { PartitionKey = "purge-me" }, null, CancellationToken.None);
        Assert.Empty(rows.Rows);
        Assert.NotNull(await host.Client.GetInstanceAsync("still-running"));
    }

    [Fact]
    public async Task PurgeAll_ByFilter()
    {
        await using var host = await StartAsync(AddWaiter);
        for (int i = 0; i < 3; i++)
        {
            await RunToCompletionAsync(host, "Quick", "x", $"done-{i}");
        }

        string running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions("running-1"));
        await WaitForStatusAsync(host, running, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "it runs");

        var result = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal(3, result.PurgedInstanceCount);
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task Query_ByStatusAndPrefix_Paged()
    {
        await using var host = await StartAsync(AddWaiter);
        for (int i = 0; i < 7; i++)
        {
            await RunToCompletionAsync(host, "Quick", "x", $"sync-a-{i}");
        }

        await RunToCompletionAsync(host, "Quick", "x", "other-1");
        string running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions("sync-a-running"));
        await WaitForStatusAsync(host, running, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "it runs");
        await Eventually.TrueAsync(
            async () => (await host.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "sync-a-running", Statuses = [OrchestrationRuntimeStatus.Running] })).Values.Count == 1,
            Timeout,
            "the index shows the running instance");

        var pages = new List<OrchestrationQueryPage>();
        var query = new OrchestrationQuery { InstanceIdPrefix = "sync-a-", Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 3 };
        do
        {
            var page = await host.Client.QueryInstancesAsync(query);
            pages.Add(page);
            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);

        var ids = pages.SelectMany(p => p.Values).Select(v => v.InstanceId).ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"sync-a-{i}").Order(), ids.Order());
        Assert.All(pages, p => Assert.InRange(p.Values.Count, 0, 3));
        Assert.True(pages.Count >= 3);
    }

    [Fact]
    public async Task Start_RejectedWhileRunning()
    {
        await using var host = await StartAsync(AddWaiter);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions("singleton"));

        var ex = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions("singleton")));
        Assert.Equal("singleton", ex.InstanceId);
    }

    [Fact]
    public async Task Start_RestartAllowedWhenTerminal()
    {
        await using var host = await StartAsync(AddWaiter);
        var first = await RunToCompletionAsync(host, "Quick", "one", "again");
        var second = await RunToCompletionAsync(host, "Quick", "two", "again");

        Assert.Equal("one", first.ReadOutputAs<string>());
        Assert.Equal("two", second.ReadOutputAs<string>());
        var history = await host.Client.GetInstanceHistoryAsync("again");
        Assert.Single(history, e => e.GetProperty("eventType").GetString() == "ExecutionStarted");
    }

    [Fact]
    public async Task Start_ConcurrentSameId_OneWins()
    {
        await using var host = await StartAsync(AddWaiter);
        var attempts = Enumerable.Range(0, 5).Select(async i =>
        {
            try
            {
                await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions("race"));
                return true;
            }
            catch (OrchestrationAlreadyExistsException)
            {
                return false;
            }
        }).ToList();

        bool[] outcomes = await Task.WhenAll(attempts);
        await WaitForStatusAsync(host, "race", m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "the winner runs");
        await host.Client.RaiseEventAsync("race", "go", "x");
        await WaitAsync(host, "race");

        Assert.Equal(1, outcomes.Count(o => o));
        var history = await host.Client.GetInstanceHistoryAsync("race");
        Assert.Single(history, e => e.GetProperty("eventType").GetString() == "ExecutionStarted");
    }

    [Fact]
    public async Task LargePayload_1MB_Input_Output_Event()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, int>("Length", (_, s) => s.Length)
            .AddOrchestratorFunc<string, string>("Big", async (ctx, input) =>
            {
                string ev = await ctx.WaitForExternalEvent<string>("big");
                int length = await ctx.CallActivityAsync<int>("Length", input);
                return input[..10] + ev[..10] + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + new string('z', 1_000_000);
            }));

        var sb = new StringBuilder();
        var random = new Random(42);
        while (sb.Length < 1_000_000)
        {
            sb.Append(random.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        }

        string input = sb.ToString();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Big", input);
        await host.Client.RaiseEventAsync(id, "big", new string('e', 1_000_000));

        var result = await WaitAsync(host, id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(input, result.ReadInputAs<string>());
        string output = result.ReadOutputAs<string>()!;
        Assert.StartsWith(input[..10] + "eeeeeeeeee" + input.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
        Assert.Equal(1_000_000 + 20 + input.Length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length, output.Length);
    }
}
