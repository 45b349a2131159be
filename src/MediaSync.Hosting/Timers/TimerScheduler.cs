using Azure.Storage.Blobs;
using MediaSync.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Hosting.Timers;

/// <summary>Starts one <see cref="TimerListener"/> per enabled timer function and waits for them on shutdown.</summary>
internal sealed class TimerScheduler(
    FunctionsBuilder functions,
    IConfiguration configuration,
    BlobServiceClient blobs,
    IOptions<FunctionsHostOptions> host,
    IOptions<SingletonHostOptions> singleton,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimerFunction[] enabled = functions.TimerFunctions.Where(f => !FunctionSwitch.IsDisabled(configuration, f.Name)).ToArray();
        if (enabled.Length == 0)
        {
            return;
        }

        BlobContainerClient container = blobs.GetBlobContainerClient(host.Value.HostsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        await Task.WhenAll(enabled.Select(f => new TimerListener(
            f,
            TimerScheduleParser.Parse(f, configuration),
            container,
            host.Value.HostId,
            singleton.Value,
            scopes,
            time,
            logger).RunAsync(stoppingToken))).ConfigureAwait(false);
    }
}
