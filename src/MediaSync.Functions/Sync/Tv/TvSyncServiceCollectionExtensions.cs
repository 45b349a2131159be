using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>Registers what the TV sync's activities need.</summary>
internal static class TvSyncServiceCollectionExtensions
{
    /// <summary>Binds <c>Sync:Tv</c> (validated at start-up) and registers the server factory and the catalog writer.</summary>
    public static IServiceCollection AddTvSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TvSyncOptions>().Bind(configuration.GetSection(TvSyncOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<TvServers>();
        services.TryAddSingleton<TvCatalogWriter>();
        return services;
    }
}
