using MediaSync.TestSupport;

namespace MediaSync.Catalog.Storage.Tests;

public sealed class SeenLedgerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task LoadAsync_ManyKeysOverSeveralRecordsAndWriters_ReturnsExactlyThatPartitionsKeys()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);
        var table = harness.Table(CatalogTable.SyncSeen);
        await table.CreateIfNotExistsAsync();
        var keys = Enumerable.Range(0, 40_000).Select(i => $"key{i:D7}").ToList();
        var first = new SeenLedger(table, CatalogTable.Items, "run1");
        var second = new SeenLedger(table, CatalogTable.Items, "run1");

        // 440,000 characters: more than one record, each split over several properties.
        await first.AddAsync("p", keys.Take(30_000), default);
        await second.AddAsync("p", keys.Skip(30_000), default);
        await first.AddAsync("p|other", ["not-mine"], default);
        await first.FlushAsync(default);
        await second.FlushAsync(default);

        var seen = await SeenLedger.LoadAsync(table, "run1", CatalogTable.Items, "p", default);

        Assert.Equal(keys.Count, seen.Count);
        Assert.True(seen.SetEquals(keys));
        Assert.Empty(await SeenLedger.LoadAsync(table, "run2", CatalogTable.Items, "p", default));
    }
}
