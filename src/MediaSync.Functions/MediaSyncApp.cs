using MediaSync.Durable;
using MediaSync.Functions.Checks;
using MediaSync.Functions.Dashboard;
using MediaSync.Functions.Functions;
using MediaSync.Functions.Health;
using MediaSync.Functions.Relay;
using MediaSync.Functions.Slots;
using MediaSync.Functions.Sources;
using MediaSync.Functions.Sync;
using MediaSync.Functions.Sync.Tmdb;
using MediaSync.Functions.Sync.Tv;
using MediaSync.Hosting;
using MediaSync.Hosting.Configuration;
using MediaSync.Hosting.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions;

/// <summary>Builds the MediaSync function app: the host, every function, the durable runtime and the dashboard.</summary>
internal static class MediaSyncApp
{
    /// <summary>
    /// Builds (does not start) the app. <paramref name="configure"/> runs after host.json and local.settings.json are
    /// loaded and before the storage setting is read, so tests can add configuration (storage, keys, hub name) and URLs.
    /// </summary>
    /// <param name="args">Command-line arguments (<c>--contentRoot</c>, <c>--urls</c>, settings).</param>
    /// <param name="configure">Optional last word on configuration and services.</param>
    /// <param name="decorate">Optional, runs after the app registered its services: benchmarks and diagnostics wrap them here.</param>
    /// <returns>The built application with every endpoint mapped.</returns>
    /// <exception cref="OptionsValidationException">A setting is invalid (the message names its full path).</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<IServiceCollection>? decorate = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        builder.AddFunctionsHost(FunctionCatalog.DeclareHttpAndTimers);
        configure?.Invoke(builder);

        IServiceCollection services = builder.Services;
        services.AddOptions<DurableTaskOptions>().Bind(builder.Configuration.GetSection(FunctionsHostSettings.DurableTaskSection));
        services.AddMediaSyncDurable()
            .AddTasks(FunctionCatalog.DeclareDurableTasks)
            .UseAppStorage(builder.Configuration);
        services.AddSingleton<IHealthContributor, DurableHealthContributor>();
        services.AddMediaSyncSources(builder.Configuration);
        services.AddTvSync(builder.Configuration);
        services.AddTmdbEnrichment(builder.Configuration);
        services.AddStreamSlots();
        services.AddStreamChecks();
        services.AddAppStreamRelay();
        services.AddCatalogSync(builder.Configuration);
        decorate?.Invoke(services);

        WebApplication app = builder.Build();
        // Validate every option now, before the host constructs its hosted services: the durable worker's own
        // argument checks would otherwise fail first, with a message that does not name the host.json setting.
        app.Services.GetService<IStartupValidator>()?.Validate();
        app.MapFunctions();
        app.MapDashboardPage();
        return app;
    }
}
