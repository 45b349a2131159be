using MediaSync.Durable.Storage;
using MediaSync.Durable.Tests.Faults;
using MediaSync.TestSupport;

namespace MediaSync.Durable.Tests.Conformance;

/// <summary>Groups 8–9: duplicates, crashes at chosen storage calls, and split brain.</summary>
public abstract partial class DurableConformanceTests
{
    private static readonly TimeSpan ShortVisibility = TimeSpan.FromSeconds(1);

    private static void AddSteps(DurableTaskRegistry r) => r
        .AddActivityFunc<int, int>("Step", (_, x) => x + 1)
        .AddOrchestratorFunc<int, int>("Steps", async (ctx, n) =>
        {
            int value = 0;
            for (int i = 0; i < n; i++)
            {
                value = await ctx.CallActivityAsync<int>("Step", value);
            }

            return value;
        });

    private static void ShortTimeouts(DurableTaskOptions o)
    {
        o.StorageProvider.ControlQueueVisibilityTimeout = ShortVisibility;
        o.StorageProvider.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(2);
        o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100);
    }

    /// <summary>Dies before (or after) the <paramref name="nth"/> call of <paramref name="operation"/> on a matching resource.</summary>
    private static Func<StorageCall, CrashPoint> CrashAt(string operation, Func<string, bool> resource, int nth, CrashPoint point = CrashPoint.Before)
    {
        int seen = 0;
        return call => call.Operation == operation && resource(call.Resource) && Interlocked.Increment(ref seen) == nth ? point : CrashPoint.None;
    }

    /// <summary>Runs "Steps" on a host that dies at the chosen call, then lets a fresh host finish it.</summary>
    private async Task<(OrchestrationMetadata Result, string? CrashedAt)> CrashAndRecoverAsync(
        Func<StorageCall, CrashPoint> decide, int steps, Func<DurableTestHost, string, Task>? afterRecovery = null, bool localDispatch = false)
    {
        var storage = CreateStorage();
        string hub = UniqueNames.TaskHub();
        var faulty = new FaultInjectingStorage(storage, decide);
        string id = "crash-" + Guid.NewGuid().ToString("N")[..8];
        await using (var dying = await StartAsync(AddSteps, o => { ShortTimeouts(o); o.StorageProvider.LocalDispatch = localDispatch; }, faulty, hub))
        {
            try
            {
                await dying.Client.ScheduleNewOrchestrationInstanceAsync("Steps", steps, new StartOrchestrationOptions(id));
            }
            catch (SimulatedCrashException)
            {
                // The client died mid-start; the survivor's client is not used to restart: the start message may already be out.
            }

            await Eventually.TrueAsync(() => faulty.CrashedAt is not null, Timeout, "the injected crash happened");
        }

        await using var survivor = await StartAsync(AddSteps, ShortTimeouts, storage, hub);
        var metadata = await survivor.Client.GetInstanceAsync(id);
        if (metadata is null)
        {
            // Either the crash hit before the start message was sent (the caller retries the start), or the
            // message went out and the survivor is starting it right now (then the retry is rejected).
            try
            {
                await survivor.Client.ScheduleNewOrchestrationInstanceAsync("Steps", steps, new StartOrchestrationOptions(id));
            }
            catch (OrchestrationAlreadyExistsException)
            {
            }
        }

        var result = await WaitAsync(survivor, id);
        if (afterRecovery is not null)
        {
            await afterRecovery(survivor, id);
        }

        return (result, faulty.CrashedAt);
    }

    [Fact]
    public async Task Crash_AfterCommitBeforeSend_OutboxResent()
    {
        var (result, crashedAt) = await CrashAndRecoverAsync(
            // The worker's first successful commit: a History transaction that inserts a page row (the client's
            // Pending row has none). A commit that loses a race with that row throws before the crash point.
            call => call.Operation == "Batch" && call.Resource.EndsWith("History", StringComparison.Ordinal) && call.Detail.Split(',').Any(key => key.StartsWith('p'))
                ? CrashPoint.After
                : CrashPoint.None,
            steps: 3);

        Assert.NotNull(crashedAt);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
        Assert.Contains(TestLog.Provider.Lines, l => l.Contains($"Outbox of commit 1 of {result.InstanceId} re-sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Crash_MidSend_NoLossNoDoubleTransition()
    {
        var (result, crashedAt) = await CrashAndRecoverAsync(
            CrashAt("Send", r => r.Contains("workitems", StringComparison.Ordinal), nth: 2),
            steps: 4);

        Assert.NotNull(crashedAt);
        Assert.Equal(4, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Crash_HoldingLocallySentActivity_SurvivorRunsItAfterItsVisibilityTimeout()
    {
        // The first activity pack goes out held for the dying host's own dispatcher, which dies before taking it: only
        // the queue's visibility timeout gives it to the survivor.
        var (result, crashedAt) = await CrashAndRecoverAsync(
            CrashAt("Send", r => r.Contains("workitems", StringComparison.Ordinal), nth: 1, CrashPoint.After),
            steps: 3,
            localDispatch: true);

        Assert.StartsWith("after", crashedAt, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Crash_BeforeDelete_DuplicatesDropped()
    {
        var (result, crashedAt) = await CrashAndRecoverAsync(
            CrashAt("Delete", r => r.Contains("control", StringComparison.Ordinal), nth: 2),
            steps: 4);

        Assert.NotNull(crashedAt);
        Assert.Equal(4, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Crash_BeforeIndex_IndexRepaired()
    {
        // The completing turn's index write: the first after the third activity is sent. Counting index writes instead
        // is timing-dependent: when a poller takes the start message before the client writes its Pending row, the
        // client's write conflicts and it leaves the index to the first turn, so there is one write fewer.
        int activitiesSent = 0;
        var (result, crashedAt) = await CrashAndRecoverAsync(
            call =>
            {
                if (call.Operation == "Send" && call.Resource.Contains("workitems", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref activitiesSent);
                }

                return call.Operation == "Batch" && call.Resource.EndsWith("Instances", StringComparison.Ordinal) && Volatile.Read(ref activitiesSent) >= 3
                    ? CrashPoint.Before
                    : CrashPoint.None;
            },
            steps: 3,
            afterRecovery: (survivor, id) => Eventually.TrueAsync(
                async () => (await survivor.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = id })).Values.SingleOrDefault()?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
                Timeout,
                "the index shows Completed"));

        Assert.NotNull(crashedAt);
        Assert.Equal(3, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Crash_AtSampledPrimitiveCalls_SameOutput()
    {
        // A 5-step run makes roughly 60–90 primitive calls; crash before and after a spread of them.
        foreach (int k in new[] { 3, 11, 19, 27, 41, 57 })
        {
            foreach (var point in new[] { CrashPoint.Before, CrashPoint.After })
            {
                var (result, _) = await CrashAndRecoverAsync(call => call.Number == k ? point : CrashPoint.None, steps: 5);
                Assert.True(result.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"crash {point} call {k}: {result.RuntimeStatus} {result.FailureDetails}");
                Assert.Equal(5, result.ReadOutputAs<int>());
            }
        }
    }

    [Fact]
    public async Task Duplicate_ControlMessage_Ignored()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<object?, string>("TwoEvents", async (ctx, _) =>
        {
            string first = await ctx.WaitForExternalEvent<string>("e");
            try
            {
                string second = await ctx.WaitForExternalEvent<string>("e", TimeSpan.FromMilliseconds(700));
                return first + "+" + second;
            }
            catch (TimeoutException)
            {
                return first + " only";
            }
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoEvents");
        var hubService = (Engine.TaskHub)host.Services.GetService(typeof(Engine.TaskHub))!;
        var envelope = new Engine.Envelope
        {
            Id = "fixed-id-1",
            InstanceId = id,
            SentAt = TimeProvider.System.GetUtcNow().UtcDateTime,
            Event = new Engine.HistoryEvent { Type = Engine.EventType.EventRaised, Name = "e", Input = "\"once\"" },
        };
        await hubService.SendEnvelopesAsync([(envelope, null)], CancellationToken.None);
        await hubService.SendEnvelopesAsync([(envelope, null)], CancellationToken.None);

        var result = await WaitAsync(host, id);
        Assert.Equal("once only", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SplitBrain_TwoWorkersSameInstance_OneCommit_NoSideEffectsFromLoser()
    {
        var storage = CreateStorage();
        string hub = UniqueNames.TaskHub();
        int executions = 0;
        void Tasks(DurableTaskRegistry r) => r
            .AddActivityFunc<int, int>("Count", (_, x) =>
            {
                Interlocked.Increment(ref executions);
                return x;
            })
            .AddOrchestratorFunc<int, int>("Sum", async (ctx, n) =>
                (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Count", i)))).Sum());

        // Both workers own every partition: each instance's messages race between them.
        await using var a = await StartAsync(Tasks, null, storage, hub);
        await using var b = await StartAsync(Tasks, null, storage, hub);
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => a.Client.ScheduleNewOrchestrationInstanceAsync("Sum", 10)));
        var results = await Task.WhenAll(ids.Select(id => WaitAsync(b, id)));

        Assert.All(results, r => Assert.Equal(45, r.ReadOutputAs<int>()));
        foreach (string id in ids)
        {
            var history = await a.Client.GetInstanceHistoryAsync(id);
            var scheduled = history.Where(e => e.GetProperty("eventType").GetString() == "TaskScheduled").Select(e => e.GetProperty("eventId").GetInt32()).ToList();
            var completed = history.Where(e => e.GetProperty("eventType").GetString() == "TaskCompleted").Select(e => e.GetProperty("taskScheduledId").GetInt32()).ToList();
            Assert.Equal(scheduled.Distinct().Count(), scheduled.Count);
            Assert.Equal(completed.Distinct().Count(), completed.Count);
            Assert.Equal(10, completed.Count);
        }

        // A lost commit race sends nothing, so every activity ran once (a crash could rerun one; none here).
        Assert.Equal(200, executions);
    }
}
