using MediaSync.Durable.Storage;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaSync.Durable.Tests;

/// <summary>A worker and client on a given storage provider, as one host process would run them.</summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly IHost host;

    private DurableTestHost(IHost host)
    {
        this.host = host;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public IServiceProvider Services => host.Services;

    public static async Task<DurableTestHost> StartAsync(
        IStorageProvider storage,
        string hubName,
        Action<DurableTaskRegistry> tasks,
        Action<DurableTaskOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(TestLog.Provider);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Services.AddMediaSyncDurable(o =>
            {
                o.HubName = hubName;
                o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
                configure?.Invoke(o);
            })
            .AddTasks(tasks)
            .UseStorage(_ => storage);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new DurableTestHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(timeout.Token);
        host.Dispose();
    }
}
