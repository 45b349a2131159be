using MediaSync.TestSupport;

namespace MediaSync.Catalog.Storage.Tests;

public sealed class CatalogQueriesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task GetItemsAsync_PagedOverSeveralPartitions_CoversEveryRowExactlyOnce()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);
        await harness.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(TestRows.Items("src", "vod", 103)));
        await harness.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(TestRows.Items("src", "live", 20)));
        var seen = new List<string>();
        string? token = null;
        int pages = 0;

        do
        {
            var page = await harness.Store.Queries.GetItemsAsync("src", "vod", token, pageSize: 7);
            Assert.InRange(page.Rows.Count, 1, 7);
            Assert.All(page.Rows, r => Assert.StartsWith("src-vod-", r.PartitionKey, StringComparison.Ordinal));
            seen.AddRange(page.Rows.Select(r => r.RowKey));
            Assert.True(page.ContinuationToken is null || Uri.EscapeDataString(page.ContinuationToken) == page.ContinuationToken, "token is URL-safe");
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(103, seen.Count);
        Assert.Equal(103, seen.Distinct().Count());
        Assert.True(pages >= 15, $"{pages} pages");
    }

    [Fact]
    public async Task GetEpisodesAsync_OneSeries_ReturnsItsEpisodesInSeasonAndEpisodeOrder()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);
        var episodes = new[] { (2, 1), (1, 10), (1, 2), (3, 100) }
            .Select(e => new CatalogRow(CatalogKeys.EpisodesPartition("src", "show/1"), CatalogKeys.EpisodeRow(e.Item1, e.Item2, "x")).Set("S", (long)e.Item1));
        var other = new CatalogRow(CatalogKeys.EpisodesPartition("src", "show/2"), CatalogKeys.EpisodeRow(1, 1, "y"));
        await harness.Store.WriteAsync(CatalogTable.Episodes, "run1", TestRows.Stream(episodes.Append(other)));

        var page = await harness.Store.Queries.GetEpisodesAsync("src", "show/1");

        Assert.Equal(["001-0002-x", "001-0010-x", "002-0001-x", "003-0100-x"], page.Rows.Select(r => r.RowKey));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task GetItemsAsync_MalformedToken_ThrowsArgumentException()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => harness.Store.Queries.GetItemsAsync("src", "vod", "!!not-a-token!!"));

        Assert.Contains("continuation token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItemsAsync_TokenFromAnotherQuery_ThrowsArgumentException()
    {
        using var harness = new StoreHarness(azurite.ConnectionString);
        await harness.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(TestRows.Items("src", "vod", 10)));
        var page = await harness.Store.Queries.GetItemsAsync("src", "vod", pageSize: 2);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => harness.Store.Queries.GetItemsAsync("src", "live", page.ContinuationToken));

        Assert.Contains("different query", ex.Message, StringComparison.Ordinal);
    }
}
