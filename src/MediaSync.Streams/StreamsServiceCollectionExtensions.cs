using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Streams;

/// <summary>Registers stream probing and the relay.</summary>
internal static class StreamsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="StreamProber"/> with options from the <c>Streams:Probe</c> section. Probe
    /// requests get no retry handler on purpose: every attempt occupies a connection of the
    /// account, and the check orchestration decides about retries.
    /// </summary>
    public static IServiceCollection AddStreamProber(this IServiceCollection services, Action<StreamProberOptions>? configure = null)
    {
        var builder = services.AddOptions<StreamProberOptions>().BindConfiguration("Streams:Probe").ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient<StreamProber>(StreamProber.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => StreamProber.CreateHandler(sp.GetRequiredService<IOptions<StreamProberOptions>>().Value));
        return services;
    }

    /// <summary>
    /// Adds the <see cref="StreamRelay"/> singleton with options from the <c>Streams:Relay</c> section.
    /// The host registers an <see cref="IViewerSlotGate"/> and an <see cref="IStreamSourceResolver"/>.
    /// </summary>
    public static IServiceCollection AddStreamRelay(this IServiceCollection services, Action<StreamRelayOptions>? configure = null)
    {
        var builder = services.AddOptions<StreamRelayOptions>().BindConfiguration("Streams:Relay").ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(StreamRelay.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => StreamRelay.CreateHandler(sp.GetRequiredService<IOptions<StreamRelayOptions>>().Value))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(sp => new StreamRelay(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(StreamRelay.HttpClientName),
            sp.GetRequiredService<IViewerSlotGate>(),
            sp.GetRequiredService<IStreamSourceResolver>(),
            sp.GetRequiredService<IOptions<StreamRelayOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<StreamRelay>>()));
        return services;
    }
}
