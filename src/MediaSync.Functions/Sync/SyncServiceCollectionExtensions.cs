using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaSync.Functions.Sync;

/// <summary>Registers what the catalog sync's functions and activities need beyond the sources and the store.</summary>
internal static class SyncServiceCollectionExtensions
{
    /// <summary>Binds <c>Sync</c> (validated at start-up) the singleton starter and the reader of connection loans.</summary>
    public static IServiceCollection AddCatalogSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SyncStarter>();
        services.TryAddSingleton<Xtream.XtreamLoanReader>();
        return services;
    }
}
