using MediaSync.Catalog.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Sources;

/// <summary>Registers the configured sources, the provider clients and the catalog store the sync works with.</summary>
internal static class SourcesServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Sources:{id}</c> (validated at start-up), the provider clients (<c>Providers:{Name}</c>) and the
    /// catalog store on the host's storage account (<c>Catalog</c> section for its options).
    /// </summary>
    public static IServiceCollection AddMediaSyncSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SourcesOptions>().Bind(configuration, o => o.BindNonPublicProperties = false).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidator>());
        services.TryAddSingleton<SourceDirectory>();
        services.TryAddSingleton<SourceClients>();
        services.AddMediaSyncProviders(configuration);
        services.AddCatalogStore().Bind(configuration.GetSection("Catalog"));
        return services;
    }
}
