using MediaSync.Durable;
using MediaSync.Functions.Functions;
using MediaSync.Functions.Slots;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaSync.Functions.Tests.Slots;

/// <summary>
/// The app's durable tasks (the slot entities) plus a test holder orchestration on the real durable runtime over Azurite,
/// with a fresh task hub.
/// </summary>
internal sealed class SlotsHost : IAsyncDisposable
{
    public const string Holder = "SlotHolder";
    public const string Work = "SlotWork";
    public const string ViewerProbe = "ViewerProbe";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly IHost host;
    private readonly CapturingLoggerProvider log;

    private SlotsHost(IHost host, SlotRecorder recorder, CapturingLoggerProvider log)
    {
        this.host = host;
        this.log = log;
        Recorder = recorder;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public SlotRecorder Recorder { get; }

    public IServiceProvider Services => host.Services;

    public static async Task<SlotsHost> StartAsync(string connectionString)
    {
        var recorder = new SlotRecorder();
        var log = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.Services.AddMediaSyncDurable(o =>
            {
                o.HubName = UniqueNames.TaskHub("slots");
                o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
            })
            .AddTasks(r =>
            {
                FunctionCatalog.DeclareDurableTasks(r);
                RegisterTestTasks(r, recorder);
            })
            .UseAzureStorage(connectionString);
        builder.Services.AddSingleton(TimeProvider.System);
        var host = builder.Build();
        await host.StartAsync();
        return new SlotsHost(host, recorder, log);
    }

    public static void RegisterTestTasks(DurableTaskRegistry r, SlotRecorder recorder) => r
        .AddActivityFunc<SlotWorkInput, bool>(Work, async (_, input) =>
        {
            recorder.Start(input.Tag, input.Account);
            await Task.Delay(TimeSpan.FromMilliseconds(input.HoldMs), TimeProvider.System);
            recorder.End(input.Tag);
            return true;
        })
        .AddOrchestratorFunc<SlotHolderInput, string>(Holder, async (ctx, input) =>
        {
            StreamSlot slot;
            try
            {
                slot = await ctx.AcquireStreamSlotAsync(input.Account, new StreamSlotOptions
                {
                    Ttl = TimeSpan.FromMilliseconds(input.TtlMs),
                    WaitTimeout = input.WaitTimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                    GlobalPriority = input.GlobalPriority,
                });
            }
            catch (TimeoutException)
            {
                return "timeout";
            }

            if (input.Crash)
            {
                await ctx.CallActivityAsync<bool>(Work, new SlotWorkInput(input.Account, input.Tag, input.HoldMs));
                return $"crashed:{slot.LeaseId}";
            }

            await using (slot)
            {
                await ctx.CallActivityAsync<bool>(Work, new SlotWorkInput(input.Account, input.Tag, input.HoldMs));
                if (input.WaitForFinish)
                {
                    await ctx.WaitForExternalEvent<string>("finish");
                }
            }

            return $"done:{slot.LeaseId}";
        })
        .AddOrchestratorFunc<SlotAcquireRequest, SlotAcquireResult>(ViewerProbe, async (ctx, request) =>
            await ctx.Entities.CallEntityAsync<SlotAcquireResult>(AccountSlots.For("acme"), "Acquire", request));

    public Task<string> StartHolderAsync(SlotHolderInput input) =>
        Client.ScheduleNewOrchestrationInstanceAsync(Holder, input, new StartOrchestrationOptions($"holder-{input.Tag}"));

    public async Task<string> WaitAsync(string instanceId)
    {
        using var cts = new CancellationTokenSource(Timeout);
        OrchestrationMetadata result;
        try
        {
            result = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"{instanceId} did not complete within {Timeout.TotalSeconds} s. {await DescribeAsync(instanceId)}");
        }

        Assert.True(result.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{instanceId} ended {result.RuntimeStatus}: {result.FailureDetails}");
        return result.ReadOutputAs<string>()!;
    }

    /// <summary>What a test that timed out needs to see: the instance's status and every slot entity's state.</summary>
    private async Task<string> DescribeAsync(string? instanceId)
    {
        var parts = new List<string>();
        if (instanceId is not null)
        {
            OrchestrationMetadata? instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            parts.Add($"Instance: {instance?.RuntimeStatus.ToString() ?? "not found"}, last updated {instance?.LastUpdatedAt:O}, custom status {instance?.SerializedCustomStatus}.");
        }
        else
        {
            await foreach (OrchestrationMetadata instance in Client.GetAllInstancesAsync())
            {
                parts.Add($"Instance {instance.InstanceId}: {instance.RuntimeStatus}, last updated {instance.LastUpdatedAt:O}.");
            }
        }

        await foreach (EntityMetadata entity in Client.Entities.GetAllEntitiesAsync())
        {
            parts.Add($"{entity.Id} (changed {entity.LastModifiedTime:O}): {entity.SerializedState}");
        }

        parts.Add($"Now {TimeProvider.System.GetUtcNow():O}. The host's last log lines:");
        parts.Add(log.Recent(60));
        return string.Join(Environment.NewLine, parts);
    }

    public async Task<SlotsState?> StateAsync(EntityInstanceId id) => (await Client.Entities.GetEntityAsync<SlotsState>(id))?.State;

    public async Task WaitForStateAsync(EntityInstanceId id, Func<SlotsState, bool> condition, string because)
    {
        try
        {
            await Eventually.TrueAsync(async () => await StateAsync(id) is { } s && condition(s), Timeout, because);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}{Environment.NewLine}{await DescribeAsync(null)}", ex);
        }
    }

    public async Task SetLimitAsync(string account, int limit)
    {
        await Client.Entities.SignalEntityAsync(AccountSlots.For(account), "SetLimit", limit);
        await WaitForStateAsync(AccountSlots.For(account), s => s.Limit == limit, $"{account}'s limit is {limit}");
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(timeout.Token);
        host.Dispose();
    }
}
