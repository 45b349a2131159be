using MediaSync.Functions.Slots;
using MediaSync.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaSync.Functions.Checks;

/// <summary>Registers stream checks: options (<c>Checks</c>), the prober (<c>Streams:Probe</c>), the StreamHealth store and the planner.</summary>
internal static class ChecksServiceCollectionExtensions
{
    /// <summary>Adds what the check functions, orchestrations and activities need (the sources and the catalog store come from <c>AddMediaSyncSources</c>).</summary>
    public static IServiceCollection AddStreamChecks(this IServiceCollection services)
    {
        services.AddOptions<StreamCheckOptions>().BindConfiguration(StreamCheckOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddStreamProber();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<XtreamLiveStreams>();
        services.TryAddSingleton<LiveChannelIndex>();
        services.TryAddSingleton<StreamHealthStore>();
        services.TryAddSingleton<StreamCheckPlanner>();
        services.TryAddSingleton<SlotsReader>();
        services.TryAddSingleton<DispatcharrAccountUsage>();
        return services;
    }
}
