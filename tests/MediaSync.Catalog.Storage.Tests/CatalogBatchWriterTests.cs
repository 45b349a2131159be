using System.Text;
using MediaSync.TestSupport;

namespace MediaSync.Catalog.Storage.Tests;

public sealed class CatalogBatchWriterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task WriteAsync_250RowsOver3Partitions_AllLandExactly()
    {
        using var sut = new StoreHarness(azurite.ConnectionString);
        var rows = TestRows.Items("src1", "vod", 250).ToList();

        var result = await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(rows));

        Assert.Equal((250, 0, 0), (result.Written, result.Skipped, result.Failed));
        var stored = await sut.ReadAllAsync(CatalogTable.Items);
        Assert.Equal(250, stored.Count);
        Assert.Equal(3, stored.Select(e => e.PartitionKey).Distinct().Count());
        foreach (var expected in rows)
        {
            var actual = await sut.Store.Queries.GetRowAsync(CatalogTable.Items, expected.PartitionKey, expected.RowKey);
            Assert.NotNull(actual);
            Assert.Equal(expected.Properties, actual.Properties);
            Assert.Equal("run1", actual.LastSeenRun);
        }
    }

    [Fact]
    public async Task WriteAsync_UnchangedRowsInANewRun_SkipsThemRecordsThemAsSeenAndWritesTheChangedRow()
    {
        using var sut = new StoreHarness(azurite.ConnectionString);
        await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(TestRows.Items("src1", "vod", 120)));
        int batchesBefore = sut.Requests.BatchSizes.Count;
        var rows = TestRows.Items("src1", "vod", 120).ToList();
        rows[41].Set("Title", "Renamed");

        var second = await sut.Store.WriteAsync(CatalogTable.Items, "run2", TestRows.Stream(rows));

        Assert.Equal((1, 119, 119, 0), (second.Written, second.Skipped, second.RecordedAsSeen, second.Failed));
        Assert.Equal(1, sut.Requests.BatchSizes.Count - batchesBefore);
        var renamed = await sut.Store.Queries.GetRowAsync(CatalogTable.Items, rows[41].PartitionKey, rows[41].RowKey);
        Assert.Equal(("Renamed", "run2"), (renamed!.GetString("Title"), renamed.LastSeenRun));
        Assert.Equal(1990L + (42 % 30), renamed.GetInt64("Year"));
        var seen = new HashSet<string>();
        foreach (string partition in rows.Select(r => r.PartitionKey).Distinct())
        {
            seen.UnionWith(await SeenLedger.LoadAsync(sut.Table(CatalogTable.SyncSeen), "run2", CatalogTable.Items, partition, default));
        }

        Assert.Equal(rows.Where((_, i) => i != 41).Select(r => r.RowKey).Order(), seen.Order());
    }

    [Fact]
    public async Task WriteAsync_ChangedExistingRow_IsMergedSoPropertiesOfOtherWritersSurvive()
    {
        using var sut = new StoreHarness(azurite.ConnectionString);
        await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream([new CatalogRow("p", "r").Set("Title", "v1")]));
        await sut.Table(CatalogTable.Items).UpsertEntityAsync(
            new Azure.Data.Tables.TableEntity("p", "r") { ["WatchProviders"] = "NL:8" }, Azure.Data.Tables.TableUpdateMode.Merge);

        var result = await sut.Store.WriteAsync(CatalogTable.Items, "run2", TestRows.Stream([new CatalogRow("p", "r").Set("Title", "v2")]));

        var back = await sut.Store.Queries.GetRowAsync(CatalogTable.Items, "p", "r");
        Assert.Equal(1, result.Written);
        Assert.Equal(("v2", "NL:8"), (back!.GetString("Title"), back.GetString("WatchProviders")));
    }

    [Fact]
    public async Task WriteAsync_StoredHashesUnreadable_MergesEveryRowInsteadOfFailingOrReplacing()
    {
        using var sut = new StoreHarness(azurite.ConnectionString, failHashQueries: 1);
        await sut.Table(CatalogTable.Items).CreateIfNotExistsAsync();
        await sut.Table(CatalogTable.Items).UpsertEntityAsync(new Azure.Data.Tables.TableEntity("p", "r") { ["WatchProviders"] = "NL:8" });

        var result = await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream([new CatalogRow("p", "r").Set("Title", "v1")]));

        Assert.Equal(1, sut.Requests.HashQueriesFailed);
        Assert.Equal((1, 0), (result.Written, result.Failed));
        var back = await sut.Store.Queries.GetRowAsync(CatalogTable.Items, "p", "r");
        Assert.Equal(("v1", "NL:8"), (back!.GetString("Title"), back.GetString("WatchProviders")));
    }

    [Fact]
    public async Task Writer_RowsAreNewButOneIsStored_ReadsNoHashesAndMergesSoTheStoredRowKeepsOtherWritersProperties()
    {
        // failHashQueries would fail the first hash query: it must not be asked at all.
        using var sut = new StoreHarness(azurite.ConnectionString, failHashQueries: 1);
        await sut.Table(CatalogTable.Items).CreateIfNotExistsAsync();
        await sut.Table(CatalogTable.Items).UpsertEntityAsync(new Azure.Data.Tables.TableEntity("p", "r1") { ["WatchProviders"] = "NL:8" });

        BatchWriteResult result;
        await using (CatalogBatchWriter writer = await sut.Store.CreateWriterAsync(CatalogTable.Items, "run1", rowsAreNew: true))
        {
            await writer.AddAsync(new CatalogRow("p", "r1").Set("Title", "v1"));
            await writer.AddAsync(new CatalogRow("p", "r2").Set("Title", "new"));
            result = await writer.FlushAsync();
        }

        Assert.Equal(0, sut.Requests.HashQueriesFailed);
        Assert.Equal((2, 0, 1), (result.Written, result.Failed, result.Transactions));
        var kept = await sut.Store.Queries.GetRowAsync(CatalogTable.Items, "p", "r1");
        Assert.Equal(("v1", "NL:8", "run1"), (kept!.GetString("Title"), kept.GetString("WatchProviders"), kept.LastSeenRun));
        var added = await sut.Store.Queries.GetRowAsync(CatalogTable.Items, "p", "r2");
        Assert.Equal(("new", "run1"), (added!.GetString("Title"), added.LastSeenRun));
    }

    [Fact]
    public async Task WriteAsync_SameRowsAgainInTheSameRun_SubmitsNoTransaction()
    {
        using var sut = new StoreHarness(azurite.ConnectionString);
        await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(TestRows.Items("src1", "vod", 90)));
        int batchesBefore = sut.Requests.BatchSizes.Count;

        var again = await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(TestRows.Items("src1", "vod", 90)));

        Assert.Equal((0, 90, 0, 0), (again.Written, again.Skipped, again.RecordedAsSeen, again.Transactions));
        Assert.Equal(batchesBefore, sut.Requests.BatchSizes.Count);
    }

    [Fact]
    public async Task WriteAsync_ManyRowsInOnePartition_TransactionsNeverExceed100Operations()
    {
        using var sut = new StoreHarness(azurite.ConnectionString);
        var rows = Enumerable.Range(0, 730).Select(i => new CatalogRow("one-partition", $"r{i:D4}").Set("N", (long)i));

        var result = await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(rows));

        Assert.Equal(730, result.Written);
        Assert.Equal(730, sut.Requests.BatchSizes.Sum());
        Assert.All(sut.Requests.BatchSizes, size => Assert.InRange(size, 1, 100));
        Assert.Equal(8, result.Transactions);
        Assert.Equal(730, (await sut.ReadAllAsync(CatalogTable.Items)).Count);
    }

    [Fact]
    public async Task WriteAsync_RowsWithLargePayloads_SplitTransactionsUnderThePayloadLimit()
    {
        using var sut = new StoreHarness(azurite.ConnectionString, o => o.MaxBatchPayloadBytes = 1_100_000);

        // 40 rows of ~100 KB ASCII: at most ~10 fit in 1.1 MB, so the payload limit, not the count, splits them.
        var rows = Enumerable.Range(0, 40).Select(i => new CatalogRow("p", $"r{i:D2}").Set("Blob", new string('x', 100_000)));

        var result = await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(rows));

        Assert.Equal(40, result.Written);
        Assert.True(result.Transactions >= 4, $"{result.Transactions} transactions");
        Assert.All(sut.Requests.BatchSizes, size => Assert.InRange(size, 1, 10));
    }

    [Fact]
    public async Task WriteAsync_OversizeProperties_AreSplitAndReassembledOnRead()
    {
        using var sut = new StoreHarness(azurite.ConnectionString);
        string longText = string.Concat(Enumerable.Repeat("Plot 😀 ünïcode — ", 7_000));
        byte[] poster = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31)).ToArray();
        var row = new CatalogRow("p", "big").Set("Plot", longText).Set("Poster", poster).Set("Title", "Big");

        var result = await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream([row]));

        Assert.Equal(1, result.Written);
        var back = await sut.Store.Queries.GetRowAsync(CatalogTable.Items, "p", "big");
        Assert.Equal(longText, back!.GetString("Plot"));
        Assert.Equal(poster, back.GetBinary("Poster"));
        Assert.Equal("Big", back.GetString("Title"));
        Assert.Empty(back.TruncatedProperties);
    }

    [Fact]
    public async Task WriteAsync_SplitValueLaterShortened_ReadsTheShortValue()
    {
        using var sut = new StoreHarness(azurite.ConnectionString);
        await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream([new CatalogRow("p", "r").Set("Plot", new string('a', 100_000))]));

        await sut.Store.WriteAsync(CatalogTable.Items, "run2", TestRows.Stream([new CatalogRow("p", "r").Set("Plot", "short")]));

        var back = await sut.Store.Queries.GetRowAsync(CatalogTable.Items, "p", "r");
        Assert.Equal("short", back!.GetString("Plot"));
    }

    [Fact]
    public async Task WriteAsync_RowOverTheEntityLimit_DropsTheLargestPropertyWithAFlag()
    {
        using var sut = new StoreHarness(azurite.ConnectionString);
        var row = new CatalogRow("p", "huge")
            .Set("Huge", new string('h', 400_000))
            .Set("Large", new string('l', 200_000))
            .Set("Title", "Still here");

        var result = await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream([row]));

        Assert.Equal((1, 0), (result.Written, result.Failed));
        var back = await sut.Store.Queries.GetRowAsync(CatalogTable.Items, "p", "huge");
        Assert.Equal(["Huge"], back!.TruncatedProperties);
        Assert.Null(back.GetString("Huge"));
        Assert.Equal(200_000, back.GetString("Large")!.Length);
        Assert.Equal("Still here", back.GetString("Title"));
    }

    [Fact]
    public async Task WriteAsync_TruncatedRowLaterFits_LosesTheFlagAndItsSplitLayout()
    {
        using var sut = new StoreHarness(azurite.ConnectionString);
        await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream([
            new CatalogRow("p", "r").Set("Huge", new string('h', 400_000)).Set("Large", new string('l', 200_000))]));

        await sut.Store.WriteAsync(CatalogTable.Items, "run2", TestRows.Stream([new CatalogRow("p", "r").Set("Huge", "small")]));

        var back = await sut.Store.Queries.GetRowAsync(CatalogTable.Items, "p", "r");
        Assert.Empty(back!.TruncatedProperties);
        Assert.Equal("small", back.GetString("Huge"));
        Assert.Null(back.GetString("Large"));
    }

    [Fact]
    public async Task WriteAsync_NewRowWithNothingSplit_StoresOnlyItsPropertiesHashAndRunMark()
    {
        using var sut = new StoreHarness(azurite.ConnectionString);

        await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream([new CatalogRow("p", "r").Set("Title", "t").Set("Year", 2001L)]));

        var stored = Assert.Single(await sut.ReadAllAsync(CatalogTable.Items));
        string[] expected = ["ContentHash", "LastSeenRun", "PartitionKey", "RowKey", "Timestamp", "Title", "Year"];
        Assert.Equal(expected, stored.Keys.Where(k => !k.Contains("odata", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_ForbiddenKeyCharacters_RoundTrip()
    {
        using var sut = new StoreHarness(azurite.ConnectionString);
        string[] keys = ["a/b", "c\\d", "e#f", "g?h", "tab\there", "ctl\u0001\u007f\u0085", "caret^5E", "ünï 😀"];
        var rows = keys.Select(k => new CatalogRow("src/" + k, k).Set("Key", k)).ToList();

        var result = await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(rows));

        Assert.Equal(keys.Length, result.Written);
        foreach (string key in keys)
        {
            var back = await sut.Store.Queries.GetRowAsync(CatalogTable.Items, "src/" + key, key);
            Assert.Equal(("src/" + key, key, key), (back!.PartitionKey, back.RowKey, back.GetString("Key")));
        }
    }

    [Fact]
    public async Task WriteAsync_OneRowRejectedByTheService_ReportsItAndWritesItsNeighbours()
    {
        // The service (not our validation) rejects the row: its value is blown up on the wire to 40,000
        // characters, which Azure Tables refuses with PropertyValueTooLarge for the whole transaction.
        using var sut = new StoreHarness(
            azurite.ConnectionString, rewriteBatch: body => body.Replace("POISON", new string('x', 40_000), StringComparison.Ordinal));
        var rows = Enumerable.Range(0, 100).Select(i => new CatalogRow("p", $"r{i:D3}").Set("Title", i == 57 ? "POISON" : $"t{i}")).ToList();

        var result = await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(rows));

        Assert.Equal((99, 1), (result.Written, result.Failed));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(("p", "r057"), (failure.PartitionKey, failure.RowKey));
        Assert.Contains("PropertyValueTooLarge", failure.Reason, StringComparison.Ordinal);
        var stored = await sut.ReadAllAsync(CatalogTable.Items);
        Assert.Equal(99, stored.Count);
        Assert.DoesNotContain(stored, e => e.RowKey == "r057");
    }

    [Fact]
    public async Task WriteAsync_RowWithAKeyTooLong_FailsAloneWithTheReason()
    {
        using var sut = new StoreHarness(azurite.ConnectionString);
        var rows = new[]
        {
            new CatalogRow("p", "ok1").Set("N", 1L),
            new CatalogRow("p", new string('k', 600)).Set("N", 2L),
            new CatalogRow("p", "ok2").Set("N", 3L),
        };

        var result = await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(rows));

        Assert.Equal((2, 1), (result.Written, result.Failed));
        Assert.Contains("512", Assert.Single(result.Failures).Reason, StringComparison.Ordinal);
        Assert.Equal(2, (await sut.ReadAllAsync(CatalogTable.Items)).Count);
    }

    [Fact]
    public async Task WriteAsync_TransientServerBusy_RetriesAndWritesEverything()
    {
        using var sut = new StoreHarness(azurite.ConnectionString, failFirstBatches: 2);

        var result = await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(TestRows.Items("src1", "live", 150)));

        Assert.Equal((150, 0), (result.Written, result.Failed));
        Assert.Equal(150, (await sut.ReadAllAsync(CatalogTable.Items)).Count);
    }

    [Fact]
    public async Task WriteAsync_TransientFailureNeverEnds_CountsRowsFailedInsteadOfThrowing()
    {
        using var sut = new StoreHarness(azurite.ConnectionString, o => o.MaxTransactionAttempts = 2, failFirstBatches: int.MaxValue);

        var result = await sut.Store.WriteAsync(CatalogTable.Items, "run1", TestRows.Stream(TestRows.Items("src1", "live", 10)));

        Assert.Equal((0, 10), (result.Written, result.Failed));
        Assert.All(result.Failures, f => Assert.Contains("503", f.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddAsync_SameRowKeyTwiceInABatch_TheLaterRowWins()
    {
        using var sut = new StoreHarness(azurite.ConnectionString);
        await using var writer = await sut.Store.CreateWriterAsync(CatalogTable.Items, "run1");
        await writer.AddAsync(new CatalogRow("p", "dup").Set("V", "first"));
        await writer.AddAsync(new CatalogRow("p", "dup").Set("V", "second"));

        var result = await writer.FlushAsync();

        Assert.Equal((1, 1, 0), (result.Written, result.Skipped, result.Failed));
        Assert.Equal("second", (await sut.Store.Queries.GetRowAsync(CatalogTable.Items, "p", "dup"))!.GetString("V"));
    }

    [Fact]
    public async Task AddAsync_DistinctRowsOfOnePartition_GoOutInConcurrentTransactions()
    {
        using var sut = new StoreHarness(azurite.ConnectionString, o => (o.WriteConcurrency, o.MaxBatchOperations) = (4, 20));
        sut.Requests.HoldFirstBatch = TimeSpan.FromSeconds(10);
        await using var writer = await sut.Store.CreateWriterAsync(CatalogTable.Items, "run1");
        for (int i = 0; i < 100; i++)
        {
            await writer.AddAsync(new CatalogRow("p", $"r{i:D3}").Set("N", (long)i));
        }

        var result = await writer.FlushAsync();

        Assert.Equal((100, 0), (result.Written, result.Failed));
        Assert.True(sut.Requests.PeakConcurrentBatches >= 2, "one partition's transactions went out one at a time");
        Assert.Equal(100, (await sut.ReadAllAsync(CatalogTable.Items)).Count);
    }

    [Fact]
    public async Task AddAsync_RowRepeatedInALaterTransaction_WaitsForTheEarlierOneSoTheLaterVersionWins()
    {
        // The first transaction is held back; the repeated row's transaction must not overtake it.
        using var sut = new StoreHarness(azurite.ConnectionString, o => (o.WriteConcurrency, o.MaxBatchOperations) = (4, 10));
        sut.Requests.HoldFirstBatch = TimeSpan.FromSeconds(1);
        await using var writer = await sut.Store.CreateWriterAsync(CatalogTable.Items, "run1");
        await writer.AddAsync(new CatalogRow("p", "dup").Set("V", "first"));
        for (int i = 0; i < 9; i++)
        {
            await writer.AddAsync(new CatalogRow("p", $"a{i}").Set("N", (long)i));
        }

        await writer.AddAsync(new CatalogRow("p", "dup").Set("V", "second"));
        for (int i = 0; i < 9; i++)
        {
            await writer.AddAsync(new CatalogRow("p", $"b{i}").Set("N", (long)i));
        }

        var result = await writer.FlushAsync();

        Assert.Equal((20, 0), (result.Written, result.Failed));
        Assert.Equal(1, sut.Requests.PeakConcurrentBatches);
        Assert.Equal("second", (await sut.Store.Queries.GetRowAsync(CatalogTable.Items, "p", "dup"))!.GetString("V"));
    }

    [Fact]
    public async Task AddAsync_ManyPartitions_KeepsBufferedRowsBounded()
    {
        // One row per partition never fills a batch; the writer must still flush early instead of holding them all.
        using var sut = new StoreHarness(azurite.ConnectionString, o => (o.WriteConcurrency, o.MaxBatchOperations, o.MaxBufferedRows) = (2, 10, 100));
        await using var writer = await sut.Store.CreateWriterAsync(CatalogTable.Items, "run1");
        for (int i = 0; i < 200; i++)
        {
            await writer.AddAsync(new CatalogRow($"p{i:D3}", "r").Set("N", (long)i));
        }

        int submittedBeforeFlush = sut.Requests.BatchSizes.Count;
        var result = await writer.FlushAsync();

        Assert.Equal(200, result.Written);
        Assert.True(submittedBeforeFlush >= 90, $"only {submittedBeforeFlush} transactions were submitted before the flush");
    }

    [Fact]
    public void Encode_NonAsciiText_EstimatesTheEscapedJsonSize()
    {
        var ascii = RowEncoder.Encode(new CatalogRow("p", "r").Set("T", new string('a', 10_000)), "run");
        var cjk = RowEncoder.Encode(new CatalogRow("p", "r").Set("T", new string('字', 10_000)), "run");

        Assert.InRange(ascii.PayloadBytes, 10_000, 11_000);
        Assert.InRange(cjk.PayloadBytes, 60_000, 61_000);
        Assert.True(Encoding.UTF8.GetByteCount(new string('字', 10_000)) < cjk.PayloadBytes);
    }
}
