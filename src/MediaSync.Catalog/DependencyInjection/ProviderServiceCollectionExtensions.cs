using MediaSync.Catalog.Dispatcharr;
using MediaSync.Catalog.Jellyfin;
using MediaSync.Catalog.Plex;
using MediaSync.Catalog.Providers;
using MediaSync.Catalog.Resilience;
using MediaSync.Catalog.Tmdb;
using MediaSync.Catalog.Xtream;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MediaSync.Catalog.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the MediaSync provider clients.</summary>
public static class ProviderServiceCollectionExtensions
{
    /// <summary>
    /// Registers every provider (Xtream, Jellyfin, Plex, TMDb, Dispatcharr): options bound from
    /// <c>Providers:{Name}</c> and validated at start-up, a named <see cref="HttpClient"/> per provider
    /// whose resilience pipeline (concurrency limit, timeouts, retry honouring <c>Retry-After</c>,
    /// circuit breaker, rate limit) is shared per provider host, and the client factory the sync uses
    /// to create one client per configured source. <c>HttpClient</c>'s own request logging is removed
    /// because it would print credential-bearing URLs; the clients log redacted URLs instead.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration holding the <c>Providers</c> section.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddMediaSyncProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddProvider<XtreamClientOptions>(XtreamClient.ProviderName, configuration.GetSection(XtreamClientOptions.SectionName));
        services.AddProvider<JellyfinClientOptions>(JellyfinClient.ProviderName, configuration.GetSection(JellyfinClientOptions.SectionName));
        services.AddProvider<PlexClientOptions>(PlexClient.ProviderName, configuration.GetSection(PlexClientOptions.SectionName));
        services.AddProvider<TmdbClientOptions>(TmdbClient.ProviderName, configuration.GetSection(TmdbClientOptions.SectionName));
        services.AddProvider<DispatcharrClientOptions>(DispatcharrClient.ProviderName, configuration.GetSection(DispatcharrClientOptions.SectionName));
        services.TryAddSingleton<IProviderClientFactory, ProviderClientFactory>();
        return services;
    }

    private static void AddProvider<TOptions>(this IServiceCollection services, string provider, IConfigurationSection section)
        where TOptions : ProviderClientOptions
    {
        services.AddOptions<TOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new ProviderOptionsValidator<TOptions>(provider));
        services.AddHttpClient(provider, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler(provider, (builder, context) =>
            {
                IServiceProvider sp = context.ServiceProvider;
                builder.TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System;
                ILogger logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("MediaSync.Catalog.Resilience");
                ProviderResilienceOptions resilience = sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue.Resilience;
                ProviderResiliencePipeline.Configure(builder, resilience, provider, logger, d => context.OnPipelineDisposed(d.Dispose));
            })
            .SelectPipelineByAuthority();
    }

    /// <summary>
    /// Validates what configuration decides for every client of a provider (ranges, resilience rules);
    /// connection settings are checked when a client is created, since sources are configured at run time.
    /// </summary>
    private sealed class ProviderOptionsValidator<TOptions>(string provider) : IValidateOptions<TOptions>
        where TOptions : ProviderClientOptions
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            string[] problems = options.Resilience.Validate().Select(p => $"{provider} resilience: {p}").ToArray();
            return problems.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
