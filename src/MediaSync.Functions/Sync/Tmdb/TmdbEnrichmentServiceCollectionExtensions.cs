using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>Registers what the TMDb enrichment's activities need.</summary>
internal static class TmdbEnrichmentServiceCollectionExtensions
{
    /// <summary>Binds <c>Sync:Tmdb</c> (validated at start-up) and registers the candidate reader, the process-wide rate gate and the memory of fresh titles.</summary>
    public static IServiceCollection AddTmdbEnrichment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TmdbEnrichmentOptions>().Bind(configuration.GetSection(TmdbEnrichmentOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<TmdbCandidates>();
        services.TryAddSingleton<TmdbRequestGate>();
        services.TryAddSingleton<TmdbFreshTitles>();
        services.TryAddTransient<TmdbPageEnricher>();
        return services;
    }
}
