using MediaSync.Durable;
using MediaSync.Durable.Storage.AzureStorage;
using MediaSync.Durable.TestWorker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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

builder.Services.AddFastFailoverPartitions(hub);

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
