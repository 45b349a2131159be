using System.Diagnostics;
using MediaSync.Durable.Engine;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Durable.Tests.Conformance;

/// <summary>Group 12: durable entities — ordering, rollback, batching, scheduling, deletion, calls, events, dedupe.</summary>
public abstract partial class DurableConformanceTests
{
    private static readonly EntityInstanceId Counter1 = new("Counter", "one");

    private static DurableTaskRegistry AddEntities(DurableTaskRegistry r) => r
        .AddEntity<CounterEntity>("Counter")
        .AddEntity<AppendListEntity>("AppendList")
        .AddEntity<NotifierEntity>("Notifier");

    /// <summary>The signal an orchestration <paramref name="sender"/> sends as its <paramref name="seq"/>th to <paramref name="list"/>: append the number.</summary>
    private static Envelope AppendFrom(string sender, long seq, EntityInstanceId list, TaskHub hub, string messageId) => new()
    {
        Id = messageId,
        InstanceId = list.ToString(),
        SentAt = hub.UtcNow,
        Event = new HistoryEvent
        {
            Type = EventType.EntityOperationSignaled,
            Name = "Append",
            Input = seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Seq = seq,
            Parent = new ParentReference(sender, "execution-1", (int)seq, "Sender"),
        },
    };

    private static Task WaitForEntityAsync<TState>(DurableTestHost host, EntityInstanceId id, Func<TState, bool> condition, string because) =>
        Eventually.TrueAsync(async () => await host.Client.Entities.GetEntityAsync<TState>(id) is { } e && condition(e.State), Timeout, because);

    [Fact]
    public async Task Entity_SignalsFifoPerSender()
    {
        var list = new EntityInstanceId("AppendList", "fifo");
        await using var host = await StartAsync(r => AddEntities(r)
            .AddActivityFunc<int, int>("Pass", (_, x) => x)
            .AddOrchestratorFunc<int, int>("Appender", async (ctx, n) =>
            {
                for (int i = 0; i < n; i++)
                {
                    await ctx.Entities.SignalEntityAsync(list, "Append", i);
                    if (i % 10 == 9)
                    {
                        // Spread the signals over several turns (several queue messages).
                        await ctx.CallActivityAsync<int>("Pass", i);
                    }
                }

                return n;
            }));

        var result = await RunToCompletionAsync(host, "Appender", 100);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        await WaitForEntityAsync<List<int>>(host, list, s => s.Count >= 100, "all 100 signals were applied");
        var state = (await host.Client.Entities.GetEntityAsync<List<int>>(list))!.State;
        Assert.Equal(Enumerable.Range(0, 100), state);
    }

    [Fact]
    public async Task Entity_OperationThrows_RollsBackOnlyItself()
    {
        await using var host = await StartAsync(r => AddEntities(r).AddOrchestratorFunc<object?, string>("RollBack", async (ctx, _) =>
        {
            await ctx.Entities.SignalEntityAsync(Counter1, "Add", 1);
            await ctx.Entities.SignalEntityAsync(Counter1, "AddThenThrow", 100);
            await ctx.Entities.SignalEntityAsync(Counter1, "Add", 2);
            string error = "none";
            try
            {
                await ctx.Entities.CallEntityAsync(Counter1, "AddThenThrow", 1000);
            }
            catch (TaskFailedException ex)
            {
                error = ex.FailureDetails.ErrorMessage;
            }

            int value = await ctx.Entities.CallEntityAsync<int>(Counter1, "Get");
            return $"{value}|{error}";
        }));

        var result = await RunToCompletionAsync(host, "RollBack");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("3|added 1000, then failed", result.ReadOutputAs<string>());
        Assert.Equal(3, (await host.Client.Entities.GetEntityAsync<int>(Counter1))!.State);
    }

    [Fact]
    public async Task Entity_BatchOneWrite()
    {
        var counter = new EntityInstanceId("Counter", "batched");
        await using var host = await StartAsync(r => AddEntities(r).AddOrchestratorFunc<int, int>("Burst", async (ctx, n) =>
        {
            for (int i = 0; i < n; i++)
            {
                await ctx.Entities.SignalEntityAsync(counter, "Add", 1);
            }

            return n;
        }));

        await RunToCompletionAsync(host, "Burst", 200);
        await WaitForEntityAsync<int>(host, counter, s => s == 200, "all 200 signals were applied");

        var row = await host.Services.GetRequiredService<TaskHub>().Instances.GetStateAsync(counter.ToString(), default);
        Assert.NotNull(row);
        Assert.InRange(row.Value.State.CommitSeq, 1, 10);
    }

    [Fact]
    public async Task Entity_ScheduledSignal()
    {
        var counter = new EntityInstanceId("Counter", "scheduled");
        await using var host = await StartAsync(
            r => AddEntities(r),
            o => o.StorageProvider.MaxTimerVisibility = TimeSpan.FromSeconds(1)); // forces a re-arm: the signal arrives early once

        var watch = Stopwatch.StartNew();
        await host.Client.Entities.SignalEntityAsync(counter, "Add", 5, new SignalEntityOptions { SignalTime = TimeProvider.System.GetUtcNow().AddSeconds(2.5) });
        await host.Client.Entities.SignalEntityAsync(counter, "Add", 1);

        await WaitForEntityAsync<int>(host, counter, s => s == 1, "the immediate signal was applied");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.4), $"the immediate signal took {watch.ElapsedMilliseconds} ms");
        await WaitForEntityAsync<int>(host, counter, s => s == 6, "the scheduled signal was applied");

        // Its early arrival (after the 1 s visibility cap) must not be applied. The signal time is wall-clock and the
        // stopwatch is not, so the bound leaves room for a CI machine's clock being stepped while the test runs.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.9), $"the scheduled signal was applied after {watch.ElapsedMilliseconds} ms, before its time");
    }

    [Fact]
    public async Task Entity_DeleteTombstone()
    {
        var deleted = new EntityInstanceId("Counter", "deleted");
        var cleared = new EntityInstanceId("AppendList", "cleared");
        var kept = new EntityInstanceId("Counter", "kept");
        await using var host = await StartAsync(r => AddEntities(r));
        var entities = host.Client.Entities;
        await entities.SignalEntityAsync(deleted, "Add", 3);
        await entities.SignalEntityAsync(cleared, "Append", 7);
        await entities.SignalEntityAsync(kept, "Add", 4);
        await WaitForEntityAsync<int>(host, deleted, s => s == 3, "the counter exists");
        await WaitForEntityAsync<List<int>>(host, cleared, s => s.Count == 1, "the list exists");
        await WaitForEntityAsync<int>(host, kept, s => s == 4, "the kept counter exists");

        await entities.SignalEntityAsync(deleted, "delete");
        await entities.SignalEntityAsync(cleared, "Clear");
        await Eventually.TrueAsync(async () => await entities.GetEntityAsync<int>(deleted) is null, Timeout, "the implicit delete operation removed the state");
        await Eventually.TrueAsync(async () => await entities.GetEntityAsync<List<int>>(cleared) is null, Timeout, "setting State to null removed the state");

        var hub = host.Services.GetRequiredService<TaskHub>();
        Assert.NotNull(await hub.Instances.GetStateAsync(deleted.ToString(), default)); // a tombstone until cleaned
        var clean = await entities.CleanEntityStorageAsync();

        Assert.Equal(2, clean.EmptyEntitiesRemoved);
        Assert.Null(await hub.Instances.GetStateAsync(deleted.ToString(), default));
        Assert.Null(await hub.Instances.GetStateAsync(cleared.ToString(), default));
        Assert.Equal(4, (await entities.GetEntityAsync<int>(kept))!.State);

        // A removed entity starts over on its next operation (the worker's cached copy is stale and must not win).
        await entities.SignalEntityAsync(deleted, "Add", 1);
        await WaitForEntityAsync<int>(host, deleted, s => s == 1, "the entity was recreated from scratch");
    }

    [Fact]
    public async Task Entity_CallFromOrchestration()
    {
        await using var host = await StartAsync(r => AddEntities(r).AddOrchestratorFunc<object?, string>("Caller", async (ctx, _) =>
        {
            await ctx.Entities.CallEntityAsync(Counter1, "Add", 5);
            int after = await ctx.Entities.CallEntityAsync<int>(Counter1, "AddAndGetAsync", 2);
            string failure;
            try
            {
                await ctx.Entities.CallEntityAsync<int>(Counter1, "Fail", "on purpose");
                failure = "not thrown";
            }
            catch (TaskFailedException ex)
            {
                failure = $"{ex.FailureDetails.ErrorType}:{ex.FailureDetails.ErrorMessage}";
            }

            string unknown;
            try
            {
                await ctx.Entities.CallEntityAsync(Counter1, "NoSuchOperation");
                unknown = "not thrown";
            }
            catch (TaskFailedException ex)
            {
                unknown = ex.FailureDetails.ErrorType;
            }

            return $"{after}|{failure}|{unknown}";
        }));

        var result = await RunToCompletionAsync(host, "Caller");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("7|System.InvalidOperationException:on purpose|System.NotSupportedException", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Entity_RaiseEventWakesOrchestration()
    {
        var notifier = new EntityInstanceId("Notifier", "n1");
        await using var host = await StartAsync(r => AddEntities(r).AddOrchestratorFunc<object?, string>("Waiter", async (ctx, _) =>
        {
            await ctx.Entities.SignalEntityAsync(notifier, "Notify", ctx.InstanceId);
            return await ctx.WaitForExternalEvent<string>("ready");
        }));

        var result = await RunToCompletionAsync(host, "Waiter", instanceId: "waiter-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("woken by @notifier@n1", result.ReadOutputAs<string>());
        Assert.Equal("waiter-1", (await host.Client.Entities.GetEntityAsync<string>(notifier))!.State);
    }

    [Fact]
    public async Task Entity_ClientSignalAndGet()
    {
        await using var host = await StartAsync(r => AddEntities(r)
            .AddActivity<SignalFromActivity>()
            .AddOrchestratorFunc<int, bool>("UsesActivity", (ctx, x) => ctx.CallActivityAsync<bool>(nameof(SignalFromActivity), x)));
        var entities = host.Client.Entities;

        Assert.Null(await entities.GetEntityAsync<int>(new EntityInstanceId("Counter", "never")));
        for (int k = 0; k < 5; k++)
        {
            await entities.SignalEntityAsync(new EntityInstanceId("Counter", $"c{k}"), "Add", k + 10);
        }

        await entities.SignalEntityAsync(new EntityInstanceId("AppendList", "other"), "Append", 1);
        await RunToCompletionAsync(host, "UsesActivity", 42);

        // Concurrent signals share queue messages (the client packs them): each still counts exactly once.
        var parallel = new EntityInstanceId("Counter", "parallel");
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => entities.SignalEntityAsync(parallel, "Add", 1)));
        await WaitForEntityAsync<int>(host, parallel, s => s >= 100, "the concurrent signals were applied");
        Assert.Equal(100, (await entities.GetEntityAsync<int>(parallel))!.State);

        await WaitForEntityAsync<int>(host, new EntityInstanceId("Counter", "from-activity"), s => s == 42, "the activity's signal was applied");
        for (int k = 0; k < 5; k++)
        {
            await WaitForEntityAsync<int>(host, new EntityInstanceId("Counter", $"c{k}"), s => s == k + 10, $"counter c{k} got its signal");
        }

        var counters = new List<EntityMetadata>();
        await foreach (var e in entities.GetAllEntitiesAsync(new EntityQuery { InstanceIdStartsWith = "counter", PageSize = 2 }))
        {
            counters.Add(e);
        }

        Assert.Equal(["@counter@c0", "@counter@c1", "@counter@c2", "@counter@c3", "@counter@c4", "@counter@from-activity", "@counter@parallel"], counters.Select(c => c.Id.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal("12", counters.Single(c => c.Id.Key == "c2").SerializedState);
        Assert.Equal(8, await entities.GetAllEntitiesAsync().CountAsync());
    }

    [Fact]
    public async Task Entity_DuplicateSignalIgnored()
    {
        var counter = new EntityInstanceId("Counter", "dedupe");
        await using var host = await StartAsync(r => AddEntities(r));
        var hub = host.Services.GetRequiredService<TaskHub>();
        Envelope Signal(string id, int amount) => new()
        {
            Id = id,
            InstanceId = counter.ToString(),
            SentAt = hub.UtcNow,
            Event = new HistoryEvent { Type = EventType.EntityOperationSignaled, Name = "Add", Input = amount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };

        // A client retry re-sends the same message id: once in the same batch, once much later.
        await hub.SendEnvelopesAsync([(Signal("retry-1", 1), null), (Signal("retry-1", 1), null), (Signal("other", 10), null)], default);
        await WaitForEntityAsync<int>(host, counter, s => s >= 11, "the signals were applied");
        await hub.SendEnvelopesAsync([(Signal("retry-1", 1), null), (Signal("last", 100), null)], default);
        await WaitForEntityAsync<int>(host, counter, s => s >= 111, "the last signal was applied");

        Assert.Equal(111, (await host.Client.Entities.GetEntityAsync<int>(counter))!.State);
    }

    [Fact]
    public async Task Entity_OutOfOrderDelivery_Reordered()
    {
        var list = new EntityInstanceId("AppendList", "reordered");
        await using var host = await StartAsync(r => AddEntities(r));
        var hub = host.Services.GetRequiredService<TaskHub>();
        Envelope FromOrchestration(long seq, string? id = null) => AppendFrom("sender", seq, list, hub, id ?? $"seq-{seq}");

        // #2 and #3 overtake #1 (as after a sender's crash and re-send): the entity holds them until #1 arrives.
        await hub.SendEnvelopesAsync([(FromOrchestration(3), null), (FromOrchestration(2), null)], default);
        await hub.SendEnvelopesAsync([(FromOrchestration(1), null)], default);
        await WaitForEntityAsync<List<int>>(host, list, s => s.Count >= 3, "the held messages were delivered");

        // A re-send of #2 under another message id is still a duplicate by its sequence number.
        await hub.SendEnvelopesAsync([(FromOrchestration(2, "seq-2-again"), null), (FromOrchestration(4), null)], default);
        await WaitForEntityAsync<List<int>>(host, list, s => s.Count >= 4, "#4 was delivered");

        Assert.Equal([1, 2, 3, 4], (await host.Client.Entities.GetEntityAsync<List<int>>(list))!.State);
    }

    [Fact]
    public async Task Entity_CrashAfterCommitBeforeSend_OutboxResent()
    {
        var relay = new EntityInstanceId("Relay", "r1");
        var target = new EntityInstanceId("Counter", "target");
        var storage = CreateStorage();
        string hubName = UniqueNames.TaskHub();

        // The only History transactions here are entity commits: die right after the relay's first one, before it sends.
        var faulty = new Faults.FaultInjectingStorage(storage, call =>
            call.Operation == "Batch" && call.Resource.EndsWith("History", StringComparison.Ordinal) ? Faults.CrashPoint.After : Faults.CrashPoint.None);
        await using (var dying = await StartAsync(r => AddEntities(r).AddEntity<RelayEntity>("Relay"), ShortTimeouts, faulty, hubName))
        {
            await dying.Client.Entities.SignalEntityAsync(relay, "Forward", 5);
            await Eventually.TrueAsync(() => faulty.CrashedAt is not null, Timeout, "the relay's commit happened and the host died");
        }

        await using var survivor = await StartAsync(r => AddEntities(r).AddEntity<RelayEntity>("Relay"), ShortTimeouts, storage, hubName);
        await WaitForEntityAsync<int>(survivor, target, s => s >= 5, "the committed signal was sent after all");
        await survivor.Client.Entities.SignalEntityAsync(target, "Add", 1);
        await WaitForEntityAsync<int>(survivor, target, s => s >= 6, "a later signal was applied");

        Assert.Equal(6, (await survivor.Client.Entities.GetEntityAsync<int>(target))!.State);
        Assert.Equal(1, (await survivor.Client.Entities.GetEntityAsync<int>(relay))!.State); // the redelivered trigger was not run twice
    }

    [Fact]
    public async Task Entity_LargeState_StoredInBlob()
    {
        var list = new EntityInstanceId("AppendList", "large");
        await using var host = await StartAsync(r => AddEntities(r));
        var values = Enumerable.Range(1_000_000, 20_000).ToList(); // about 160 KB of JSON: beyond a table property

        await host.Client.Entities.SignalEntityAsync(list, "AppendMany", values);
        await host.Client.Entities.SignalEntityAsync(list, "Append", 7);
        await WaitForEntityAsync<List<int>>(host, list, s => s.Count == 20_001, "the large state was committed");

        var state = (await host.Client.Entities.GetEntityAsync<List<int>>(list))!.State;
        Assert.Equal(values.Append(7), state);
        Assert.Throws<ArgumentException>(() => (object)new EntityInstanceId("bad@name", "k"));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Any", null, new StartOrchestrationOptions("@counter@k")));
    }

    /// <summary>Activities signal through the injected client, like any other caller outside orchestrations.</summary>
    private sealed class SignalFromActivity(DurableTaskClient client) : TaskActivity<int, bool>
    {
        public override async Task<bool> RunAsync(TaskActivityContext context, int input)
        {
            await client.Entities.SignalEntityAsync(new EntityInstanceId("Counter", "from-activity"), "Add", input);
            return true;
        }
    }

    private sealed class CounterEntity : TaskEntity<int>
    {
        public void Add(int amount) => State += amount;

        public void AddThenThrow(int amount)
        {
            State += amount;
            Context.SignalEntity(new EntityInstanceId("Counter", "never"), "Add", 1); // rolled back with the state
            throw new InvalidOperationException($"added {amount}, then failed");
        }

        public async Task<int> AddAndGetAsync(int amount)
        {
            await Task.Yield();
            State += amount;
            return State;
        }

        public int Get() => State;

        public int Fail(string why) => throw new InvalidOperationException(why);
    }

    private sealed class RelayEntity : TaskEntity<int>
    {
        public void Forward(int amount)
        {
            State++;
            Context.SignalEntity(new EntityInstanceId("Counter", "target"), "Add", amount);
        }
    }

    private sealed class AppendListEntity : TaskEntity<List<int>>
    {
        public void Append(int value) => State.Add(value);

        public void AppendMany(List<int> values) => State.AddRange(values);

        public void Clear() => State = null!;
    }

    private sealed class NotifierEntity : TaskEntity<string?>
    {
        public void Notify(string instanceId)
        {
            State = instanceId;
#pragma warning disable MSDURABLE001 // The non-portable wake-up is what is under test.
            Context.RaiseEvent(instanceId, "ready", $"woken by {Context.Id}");
#pragma warning restore MSDURABLE001
        }
    }
}
