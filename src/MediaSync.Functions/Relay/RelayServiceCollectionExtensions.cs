using MediaSync.Functions.Sources;
using MediaSync.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Relay;

/// <summary>Registers the stream relay with the app's source resolver (the viewer slot gate comes from <c>AddStreamSlots</c>).</summary>
internal static class RelayServiceCollectionExtensions
{
    /// <summary>Adds <see cref="StreamRelay"/> (<c>Streams:Relay</c>) resolving stream ids through <see cref="CatalogStreamSourceResolver"/> (<c>Relay:Source</c>).</summary>
    public static IServiceCollection AddAppStreamRelay(this IServiceCollection services)
    {
        services.AddOptions<RelaySourceOptions>().BindConfiguration(RelaySourceOptions.SectionName)
            .Validate<IOptions<SourcesOptions>>(
                (relay, sources) => relay.Source is null || (sources.Value.Sources.TryGetValue(relay.Source, out SourceOptions? source) && source.Kind == SourceKind.Xtream),
                $"{RelaySourceOptions.SectionName}:Source must name a configured xtream source (Sources:{{id}}).")
            .ValidateOnStart();
        services.TryAddSingleton<IStreamSourceResolver, CatalogStreamSourceResolver>();
        services.AddStreamRelay();
        return services;
    }
}
