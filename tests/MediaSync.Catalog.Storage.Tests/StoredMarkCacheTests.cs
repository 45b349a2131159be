using Azure.Data.Tables;
using MediaSync.TestSupport;

namespace MediaSync.Catalog.Storage.Tests;

public sealed class StoredMarkCacheTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Remember_RowsWrittenPastTheCapacity_ForgetTheOldestPartitionAndLoadItAgain()
    {
        var table = new TableClient(azurite.ConnectionString, UniqueNames.Table("marks"));
        await table.CreateIfNotExistsAsync();
        var sut = new StoredMarkCache(table, capacity: 100);

        Dictionary<string, StoredMark> first = await sut.GetAsync("p1", CancellationToken.None);
        sut.Remember("p1", first, Marks(80));
        Dictionary<string, StoredMark> second = await sut.GetAsync("p2", CancellationToken.None);
        sut.Remember("p2", second, Marks(80));

        // 160 marks over a capacity of 100: the partition loaded first goes, the one being written stays.
        Assert.Equal(80, sut.CachedEntries);
        Assert.Equal(80, first.Count);
        Assert.Same(second, await sut.GetAsync("p2", CancellationToken.None));
        Dictionary<string, StoredMark> reloaded = await sut.GetAsync("p1", CancellationToken.None);
        Assert.NotSame(first, reloaded);
        Assert.Empty(reloaded); // nothing was stored in the table: the marks came from the cache only
    }

    [Fact]
    public async Task Remember_RowsAlreadyKnown_UpdateTheirMarksWithoutCountingThemAgain()
    {
        var table = new TableClient(azurite.ConnectionString, UniqueNames.Table("marks"));
        await table.CreateIfNotExistsAsync();
        var sut = new StoredMarkCache(table, capacity: 100);
        Dictionary<string, StoredMark> marks = await sut.GetAsync("p1", CancellationToken.None);

        sut.Remember("p1", marks, Marks(30));
        sut.Remember("p1", marks, Marks(30, run: "run2"));

        Assert.Equal(30, sut.CachedEntries);
        Assert.All(marks.Values, m => Assert.Equal("run2", m.LastSeenRun));
    }

    private static IEnumerable<(string RowKey, StoredMark Mark)> Marks(int count, string run = "run1") =>
        Enumerable.Range(0, count).Select(i => ($"row{i:D3}", new StoredMark($"hash{i}", run)));
}
