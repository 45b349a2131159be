using Azure.Data.Tables;
using MediaSync.Durable;
using MediaSync.Durable.Partitioning;
using MediaSync.Durable.Storage;
using MediaSync.Durable.Worker;
using MediaSync.Functions.Functions;
using MediaSync.Functions.Slots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.TestWorker;

/// <summary>
/// A durable host with the app's tasks (the slot entities) and <see cref="Rounds"/>: used both by this process and
/// in-process by the tests, with short visibility timeouts and partition leases so a killed host's work moves fast.
/// </summary>
internal static class SlotsWorker
{
    public const string Rounds = "SlotRounds";
    public const string Work = "SlotRoundWork";

    public static IHost Build(string connectionString, string hub, string intervalTable, LogLevel logLevel = LogLevel.Warning)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(logLevel);
        var intervals = new IntervalTable(new TableClient(connectionString, intervalTable));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMediaSyncDurable(o =>
            {
                o.HubName = hub;
                o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
                o.StorageProvider.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10);
                o.StorageProvider.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10);
            })
            .AddTasks(r =>
            {
                FunctionCatalog.DeclareDurableTasks(r);
                Register(r, intervals);
            })
            .UseAzureStorage(connectionString);

        // The shortest lease Azure allows and short cycles, so a killed host's partitions move within seconds.
        builder.Services.AddSingleton<IPartitionManager>(sp => new LeasePartitionManager(
            sp.GetRequiredService<IStorageProvider>(),
            new PartitionManagerOptions
            {
                HubName = hub,
                WorkerId = sp.GetRequiredService<WorkerIdentity>().Id,
                PartitionCount = sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value.StorageProvider.PartitionCount,
                CycleInterval = TimeSpan.FromSeconds(1),
                WorkerExpiry = TimeSpan.FromSeconds(5),
                LeaseDuration = TimeSpan.FromSeconds(15),
                RenewInterval = TimeSpan.FromSeconds(3),
            },
            TimeProvider.System,
            sp.GetRequiredService<ILogger<LeasePartitionManager>>()));
        return builder.Build();
    }

    private static void Register(DurableTaskRegistry r, IntervalTable intervals) => r
        .AddActivityFunc<SlotRoundWork, bool>(Work, async (_, work) =>
        {
            // Like a probe: never start or run past the lease's expiry — after it the slot may be someone else's
            // (this is also what a re-run after a killed host meets).
            DateTimeOffset start = TimeProvider.System.GetUtcNow();
            TimeSpan left = work.ExpiresAt - start - TimeSpan.FromMilliseconds(200);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(work.HoldMs, left.TotalMilliseconds)), TimeProvider.System);
            DateTimeOffset end = TimeProvider.System.GetUtcNow();
            await intervals.RecordAsync(work.Tag, work.Account, start, end < work.ExpiresAt ? end : work.ExpiresAt);
            return true;
        })
        .AddOrchestratorFunc<List<SlotRound>, int>(Rounds, async (ctx, rounds) =>
        {
            int worked = 0;
            for (int i = 0; i < rounds.Count; i++)
            {
                SlotRound round = rounds[i];
                var options = new StreamSlotOptions { Ttl = TimeSpan.FromSeconds(8) };
                StreamSlot slot = await ctx.AcquireStreamSlotAsync(round.Account, options);
                var work = new SlotRoundWork($"{ctx.InstanceId}-{i}", round.Account, round.HoldMs, slot.ExpiresAt);
                bool done = await ctx.CallActivityAsync<bool>(Work, work);
                if (!round.Crash)
                {
                    await slot.DisposeAsync();
                }

                worked += done ? 1 : 0;
            }

            return worked;
        });
}
