using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaSync.Catalog.Storage.Tests;

public sealed class CatalogStoreServiceCollectionExtensionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AddCatalogStore_WithConnectionString_WritesToPrefixedTables()
    {
        string prefix = UniqueNames.Table("di")[..16];
        var services = new ServiceCollection().AddLogging();
        services.AddCatalogStore(o => (o.ConnectionString, o.TablePrefix) = (azurite.ConnectionString, prefix));
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<CatalogStore>();
        await store.WriteAsync(CatalogTable.Providers, "run1", TestRows.Stream([new CatalogRow("tmdb-movie", "603").Set("Providers", "NL:8")]));

        var client = new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString).GetTableClient(prefix + "Providers");
        Assert.Equal("NL:8", (await client.GetEntityAsync<Azure.Data.Tables.TableEntity>("tmdb-movie", "603")).Value.GetString("Providers"));
        Assert.Same(store.Checkpoints, provider.GetRequiredService<SyncCheckpointStore>());
    }

    [Fact]
    public void AddCatalogStore_OutOfRangeOption_FailsValidationNamingIt()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCatalogStore(o => (o.ConnectionString, o.WriteConcurrency) = (azurite.ConnectionString, 0));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<CatalogStore>());

        Assert.Contains("WriteConcurrency", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCatalogStore_NoConnectionStringAndNoClient_ExplainsWhatIsMissing()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCatalogStore();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<CatalogStore>());

        Assert.Contains("ConnectionString", ex.Message, StringComparison.Ordinal);
    }
}
