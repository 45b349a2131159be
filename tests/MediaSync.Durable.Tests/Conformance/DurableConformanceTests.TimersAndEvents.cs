using System.Diagnostics;

namespace MediaSync.Durable.Tests.Conformance;

/// <summary>Groups 3–4: timers, external events, ContinueAsNew.</summary>
public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task Timer_FiresAtTime()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, DateTime>("Sleeper", async (ctx, ms) =>
        {
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(ms), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        }));

        var watch = Stopwatch.StartNew();
        var result = await RunToCompletionAsync(host, "Sleeper", 700);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);

        // Timers are due by the wall clock and the stopwatch is monotonic: the first bound only tells a timer that waited
        // from one that fired at once, with room for a CI machine's clock being stepped; the second compares wall clock
        // with wall clock (a timer may fire up to 20 ms early).
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(400), $"timer fired after {watch.ElapsedMilliseconds} ms");
        Assert.True(result.ReadOutputAs<DateTime>() >= result.CreatedAt.UtcDateTime.AddMilliseconds(650));
    }

    [Fact]
    public async Task Timer_CancelledIgnoresLateFire()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<object?, string>("Canceller", async (ctx, _) =>
        {
            using var cts = new CancellationTokenSource();
            // Azure queues hide messages in whole seconds, so the timers are seconds apart.
            var longTimer = ctx.CreateTimer(TimeSpan.FromMilliseconds(2500), cts.Token);
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            cts.Cancel();
            string first = longTimer.IsCanceled ? "canceled" : "not canceled";

            // The cancelled timer's TimerFired still arrives later and must be ignored.
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(3500), CancellationToken.None);
            return first;
        }));

        var result = await RunToCompletionAsync(host, "Canceller");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("canceled", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task LongTimer_RearmsBeyondVisibilityCap()
    {
        await using var host = await StartAsync(
            r => r.AddOrchestratorFunc<object?, string>("LongSleeper", async (ctx, _) =>
            {
                await ctx.CreateTimer(TimeSpan.FromSeconds(2.5), CancellationToken.None);
                return "woke";
            }),
            o => o.StorageProvider.MaxTimerVisibility = TimeSpan.FromSeconds(1));

        var watch = Stopwatch.StartNew();
        var result = await RunToCompletionAsync(host, "LongSleeper");

        Assert.Equal("woke", result.ReadOutputAs<string>());
        // Between the 1 s the queue can hide a message and the timer's 2.5 s, with room for a stepped wall clock.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.9), $"woke after {watch.ElapsedMilliseconds} ms although the queue could only hide it for 1 s");
    }

    [Fact]
    public async Task ExternalEvent_BeforeWait_Buffered()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Echo", (_, x) => x)
            .AddOrchestratorFunc<object?, string>("LateWaiter", async (ctx, _) =>
            {
                await ctx.WaitForExternalEvent<string>("go");
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(300), CancellationToken.None);
                return await ctx.WaitForExternalEvent<string>("payload");
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("LateWaiter");
        await host.Client.RaiseEventAsync(id, "payload", "early bird");
        await host.Client.RaiseEventAsync(id, "go", "now");

        var result = await WaitAsync(host, id);
        Assert.Equal("early bird", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ExternalEvent_Timeout()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<object?, string>("Impatient", async (ctx, _) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("never", TimeSpan.FromMilliseconds(300));
            }
            catch (TimeoutException)
            {
                return "timed out";
            }
        }));

        var result = await RunToCompletionAsync(host, "Impatient");

        Assert.Equal("timed out", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ExternalEvents_FifoPerName()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<object?, List<int>>("Collector", async (ctx, _) =>
        {
            var values = new List<int>();
            for (int i = 0; i < 5; i++)
            {
                values.Add(await ctx.WaitForExternalEvent<int>("n"));
            }

            return values;
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Collector");
        for (int i = 1; i <= 5; i++)
        {
            await host.Client.RaiseEventAsync(id, "N", i);
        }

        var result = await WaitAsync(host, id);
        Assert.Equal([1, 2, 3, 4, 5], result.ReadOutputAs<List<int>>());
    }

    [Fact]
    public async Task ContinueAsNew_100Loops_HistoryBounded()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Inc", (_, x) => x + 1)
            .AddOrchestratorFunc<int, int>("Looper", async (ctx, n) =>
            {
                n = await ctx.CallActivityAsync<int>("Inc", n);
                if (n < 100)
                {
                    ctx.ContinueAsNew(n);
                }

                return n;
            }));

        var result = await RunToCompletionAsync(host, "Looper", 0, "looper");
        var history = await host.Client.GetInstanceHistoryAsync("looper");

        Assert.Equal(100, result.ReadOutputAs<int>());
        Assert.InRange(history.Count, 1, 12);
    }

    [Fact]
    public async Task ContinueAsNew_PreservesUnprocessedEvents()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Counter", async (ctx, sum) =>
        {
            int value = await ctx.WaitForExternalEvent<int>("add");
            sum += value;
            if (value != 0)
            {
                // Events raised meanwhile are carried into the next execution.
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                ctx.ContinueAsNew(sum, preserveUnprocessedEvents: true);
            }

            return sum;
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        foreach (int v in new[] { 1, 2, 3, 4, 0 })
        {
            await host.Client.RaiseEventAsync(id, "add", v);
        }

        var result = await WaitAsync(host, id);
        Assert.Equal(10, result.ReadOutputAs<int>());
    }
}
