using MediaSync.Durable;
using MediaSync.Functions.Slots;

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>
/// Stream-slot latencies for the runtime scenario, measured with the orchestrations' own turn clock (the time each
/// turn starts), so a number is what an orchestration waits: acquire of a free slot (account + global call), the
/// hand-over from a release to the next waiter's grant, and a plain entity call as the baseline of both.
/// </summary>
internal static class SlotLatency
{
    private const string Grants = "BenchSlotGrants";
    private const string EntityCalls = "BenchEntityCalls";
    private const string Handover = "BenchSlotHandover";

    /// <summary>Registers the app's slot entities and the measuring orchestrations.</summary>
    public static DurableTaskRegistry AddSlotLatency(this DurableTaskRegistry r, EntityInstanceId baselineEntity, string baselineOperation) => r
        .AddEntity<AccountSlots>(AccountSlots.EntityName)
        .AddEntity<GlobalSlots>(GlobalSlots.EntityName)
        .AddOrchestratorFunc<int, List<double>>(Grants, async (ctx, n) =>
        {
            var ms = new List<double>();
            for (int i = 0; i < n; i++)
            {
                DateTime before = ctx.CurrentUtcDateTime;
                await using StreamSlot slot = await ctx.AcquireStreamSlotAsync("bench-free");
                ms.Add((ctx.CurrentUtcDateTime - before).TotalMilliseconds);
            }

            return ms;
        })
        .AddOrchestratorFunc<int, List<double>>(EntityCalls, async (ctx, n) =>
        {
            var ms = new List<double>();
            for (int i = 0; i < n; i++)
            {
                DateTime before = ctx.CurrentUtcDateTime;
                await ctx.Entities.CallEntityAsync<int>(baselineEntity, baselineOperation);
                ms.Add((ctx.CurrentUtcDateTime - before).TotalMilliseconds);
            }

            return ms;
        })
        .AddOrchestratorFunc<bool, DateTime[]>(Handover, async (ctx, first) =>
        {
            StreamSlot slot = await ctx.AcquireStreamSlotAsync("bench-handover");
            DateTime granted = ctx.CurrentUtcDateTime;
            if (first)
            {
                await ctx.WaitForExternalEvent<bool>("go");
            }

            DateTime released = ctx.CurrentUtcDateTime;
            await slot.DisposeAsync();
            return [granted, released];
        });

    /// <summary>p50 of <paramref name="count"/> free-slot acquires and of as many baseline entity calls, in milliseconds.</summary>
    public static async Task<(double GrantP50, double EntityCallP50)> MeasureGrantAsync(DurableTaskClient client, int count, CancellationToken ct)
    {
        await RunAsync<List<double>>(client, Grants, 3, ct); // warm-up: the entities exist and are cached
        List<double> grants = await RunAsync<List<double>>(client, Grants, count, ct);
        List<double> calls = await RunAsync<List<double>>(client, EntityCalls, count, ct);
        return (P50(grants), P50(calls));
    }

    /// <summary>p50 from a release to the next waiter's grant along a line of <paramref name="count"/> checks on one slot.</summary>
    public static async Task<double> MeasureHandoverAsync(DurableTaskClient client, int count, CancellationToken ct)
    {
        string first = await client.ScheduleNewOrchestrationInstanceAsync(Handover, true, null, ct);
        var account = AccountSlots.For("bench-handover");
        while ((await client.Entities.GetEntityAsync<SlotsState>(account, ct))?.State.Held.Count != 1)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, ct);
        }

        var waiters = new List<string>();
        for (int i = 1; i < count; i++)
        {
            waiters.Add(await client.ScheduleNewOrchestrationInstanceAsync(Handover, false, null, ct));
        }

        // Everyone waits in line before the first release, so each grant is a hand-over, never an idle acquire.
        while ((await client.Entities.GetEntityAsync<SlotsState>(account, ct))?.State.Waiting.Count != count - 1)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, ct);
        }

        await client.RaiseEventAsync(first, "go", true, ct);
        var spans = new List<DateTime[]>();
        foreach (string id in waiters.Prepend(first))
        {
            var done = await client.WaitForInstanceCompletionAsync(id, true, ct);
            spans.Add(done.ReadOutputAs<DateTime[]>() ?? throw new InvalidOperationException($"{Handover} {id} ended {done.RuntimeStatus}: {done.FailureDetails}"));
        }

        var ordered = spans.OrderBy(s => s[0]).ToList();
        return P50(ordered.Zip(ordered.Skip(1), (previous, next) => (next[0] - previous[1]).TotalMilliseconds).ToList());
    }

    private static async Task<T> RunAsync<T>(DurableTaskClient client, string name, int input, CancellationToken ct)
    {
        string id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, null, ct);
        var result = await client.WaitForInstanceCompletionAsync(id, true, ct);
        return result.RuntimeStatus == OrchestrationRuntimeStatus.Completed && result.ReadOutputAs<T>() is { } output
            ? output
            : throw new InvalidOperationException($"{name} ended {result.RuntimeStatus}: {result.FailureDetails}");
    }

    private static double P50(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
