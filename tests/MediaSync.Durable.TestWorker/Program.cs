using MediaSync.Durable;
using MediaSync.Durable.Partitioning;
using MediaSync.Durable.Storage;
using MediaSync.Durable.Storage.AzureStorage;
using MediaSync.Durable.TestWorker;
using MediaSync.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// usage: MediaSync.Durable.TestWorker <connection string> <hub> [stepDelayMs]
// Runs a durable worker with the test orchestrations until killed; prints "ready" once it owns partitions.
string connectionString = args[0];
string hub = args[1];
int stepDelayMs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20;

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddMediaSyncDurable(o =>
    {
        o.HubName = hub;
        o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
        o.StorageProvider.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10);
        o.StorageProvider.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10);
    })
    .AddTasks(r => TestOrchestrations.Register(r, stepDelayMs))
    .UseAzureStorage(connectionString);

// Short cycles and the shortest lease Azure allows, so a killed host's partitions move within seconds.
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

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
