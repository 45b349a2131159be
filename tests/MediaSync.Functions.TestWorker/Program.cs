using Microsoft.Extensions.Hosting;
using MediaSync.Functions.TestWorker;

// usage: MediaSync.Functions.TestWorker <connection string> <hub> <interval table>
// Runs the slot entities and test holders until killed; prints "ready" once started.
using var host = SlotsWorker.Build(args[0], args[1], args[2]);
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
