using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Catalog.Storage;

/// <summary>Registers the catalog store.</summary>
public static class CatalogStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CatalogStore"/> (and its <see cref="SyncCheckpointStore"/>, <see cref="CatalogSweeper"/> and
    /// <see cref="CatalogQueries"/>) as singletons. With <see cref="CatalogStoreOptions.ConnectionString"/> unset,
    /// the store uses the <see cref="TableServiceClient"/> already registered (e.g. through Microsoft.Extensions.Azure).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; they are validated when the store is first resolved.</param>
    /// <returns>The options builder, to bind configuration or add validation.</returns>
    public static OptionsBuilder<CatalogStoreOptions> AddCatalogStore(this IServiceCollection services, Action<CatalogStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<CatalogStoreOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CatalogStoreOptions>>();
            var service = options.Value.ConnectionString is { Length: > 0 } connectionString
                ? new TableServiceClient(connectionString)
                : sp.GetService<TableServiceClient>() ?? throw new InvalidOperationException(
                    "The catalog store needs CatalogStoreOptions.ConnectionString or a registered TableServiceClient.");
            return new CatalogTableClients(service, options);
        });
        services.TryAddSingleton(sp => new SyncCheckpointStore(
            sp.GetRequiredService<CatalogTableClients>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SyncCheckpointStore>>()));
        services.TryAddSingleton(sp => new CatalogSweeper(
            sp.GetRequiredService<CatalogTableClients>(), sp.GetRequiredService<SyncCheckpointStore>(), sp.GetRequiredService<ILogger<CatalogSweeper>>()));
        services.TryAddSingleton(sp => new CatalogQueries(
            sp.GetRequiredService<CatalogTableClients>(), sp.GetRequiredService<IOptions<CatalogStoreOptions>>()));
        services.TryAddSingleton(sp => new CatalogStore(
            sp.GetRequiredService<CatalogTableClients>(),
            sp.GetRequiredService<IOptions<CatalogStoreOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CatalogBatchWriter>>(),
            sp.GetRequiredService<SyncCheckpointStore>(),
            sp.GetRequiredService<CatalogSweeper>(),
            sp.GetRequiredService<CatalogQueries>()));
        return builder;
    }
}
