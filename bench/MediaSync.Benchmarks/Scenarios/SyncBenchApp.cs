using System.Diagnostics;
using MediaSync.Catalog.Storage;
using MediaSync.Durable;
using MediaSync.Functions;
using MediaSync.Sandbox;
using MediaSync.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaSync.Benchmarks.Scenarios;

/// <summary>The function app in-process on Azurite with a Jellyfin source <c>jf</c> and TMDb on one sandbox, for the sync scenarios.</summary>
internal sealed class SyncBenchApp : IAsyncDisposable
{
    public const string SourceId = "jf";

    private readonly string contentRoot;

    private SyncBenchApp(WebApplication app, string contentRoot)
    {
        App = app;
        this.contentRoot = contentRoot;
    }

    public WebApplication App { get; }

    public CatalogStore Store => App.Services.GetRequiredService<CatalogStore>();

    public DurableTaskClient Client => App.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<SyncBenchApp> StartAsync(
        string connectionString, SandboxHost sandbox, string tablePrefix, Action<WebApplicationBuilder>? configure = null)
    {
        string root = Path.Combine(Path.GetTempPath(), "mediasync-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.Copy(Path.Combine(RepositoryRoot.Find(), "host.json"), Path.Combine(root, "host.json"));
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Host:MasterKey"] = "bench-master-key-0123456789",
            ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = UniqueNames.TaskHub("bench"),
            ["Catalog:ConnectionString"] = connectionString,
            ["Catalog:TablePrefix"] = tablePrefix,
            [$"Sources:{SourceId}:Kind"] = "Jellyfin",
            [$"Sources:{SourceId}:BaseUrl"] = sandbox.JellyfinUri.ToString(),
            [$"Sources:{SourceId}:ApiKey"] = sandbox.Options.JellyfinApiKey,
            ["Providers:Tmdb:BaseUrl"] = sandbox.TmdbUri.ToString(),
            ["Providers:Tmdb:ReadAccessToken"] = sandbox.Options.TmdbToken,
        };
        WebApplication app = MediaSyncApp.Build([$"--contentRoot={root}"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        var started = new SyncBenchApp(app, root);

        // Warm-up outside the measurement: partition leases, JIT, queues and tables of the task hub.
        await started.RunAsync<object>(MediaSync.Functions.Demo.DemoProgressOrchestrator.Name, new MediaSync.Functions.Demo.DemoProgressInput(2, 0, 2), "bench-warm-up", CancellationToken.None);
        return started;
    }

    /// <summary>
    /// Waits (at most <paramref name="limit"/>) until this process is nearly idle: after a warm-up the runtime re-compiles
    /// the hot methods in the background for seconds (tiered compilation), and whichever side is measured first would pay
    /// for it on a busy machine.
    /// </summary>
    public static async Task SettleAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromMilliseconds(500);
        var total = Stopwatch.StartNew();
        while (total.Elapsed < limit)
        {
            TimeSpan before = Process.GetCurrentProcess().TotalProcessorTime;
            await Task.Delay(window, TimeProvider.System, cancellationToken);
            if (Process.GetCurrentProcess().TotalProcessorTime - before < window * 0.1)
            {
                return;
            }
        }
    }

    /// <summary>Runs an orchestration to completion and times it from the schedule call.</summary>
    public async Task<(T Result, double Seconds)> RunAsync<T>(string name, object input, string instanceId, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        OrchestrationMetadata done = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        double seconds = watch.Elapsed.TotalSeconds;
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{name} ended {done.RuntimeStatus}: {done.FailureDetails}");
        }

        return (done.ReadOutputAs<T>()!, seconds);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind harms nothing.
        }
    }
}
