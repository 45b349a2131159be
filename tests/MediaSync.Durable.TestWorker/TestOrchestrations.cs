namespace MediaSync.Durable.TestWorker;

/// <summary>The orchestrations the multi-process tests run; shared with the test process so both register the same names.</summary>
public static class TestOrchestrations
{
    public static void Register(DurableTaskRegistry registry, int stepDelayMs)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddActivityFunc<int, int>("Step", async (_, x) =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(stepDelayMs), TimeProvider.System);
                return x + 1;
            })
            .AddOrchestratorFunc<int, int>("Steps", async (ctx, n) =>
            {
                int value = 0;
                for (int i = 0; i < n; i++)
                {
                    value = await ctx.CallActivityAsync<int>("Step", value);
                    if (i % 10 == 0)
                    {
                        ctx.SetCustomStatus(new { done = i + 1, total = n });
                    }
                }

                return value;
            });
    }
}
