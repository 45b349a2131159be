using Azure.Data.Tables;
using MediaSync.TestSupport;

namespace MediaSync.Durable.Tests;

public sealed class AzuriteFixtureTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ConnectionString_ReachesTableService_RoundTripsAnEntity()
    {
        var table = new TableClient(azurite.ConnectionString, UniqueNames.Table());
        await table.CreateIfNotExistsAsync();

        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });

        var read = await table.GetEntityAsync<TableEntity>("p", "r");
        Assert.Equal(42, read.Value.GetInt32("Value"));
    }
}
