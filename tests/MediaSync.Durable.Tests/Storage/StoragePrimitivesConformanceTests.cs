using System.Text;
using MediaSync.Durable.Storage;

namespace MediaSync.Durable.Tests.StorageBackends;

/// <summary>
/// The storage semantics the engine relies on. Every backend runs this same suite through a
/// derived class; a backend that differs from Azure in any of these fails here, not in the engine.
/// </summary>
public abstract class StoragePrimitivesConformanceTests
{
    // Azure's shortest blob lease.
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private protected abstract IStorageProvider Provider { get; }

    /// <summary>Lets storage time pass: real time on a real service, fake time in memory.</summary>
    protected abstract Task LetTimePassAsync(TimeSpan duration);

    // ---- queues ----
    [Fact]
    public async Task Send_WithVisibilityDelay_HiddenUntilTheDelayPassed()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("later", TimeSpan.FromSeconds(3), default);

        Assert.Empty(await queue.ReceiveAsync(32, Long, default));
        await LetTimePassAsync(TimeSpan.FromSeconds(4));

        var received = Assert.Single(await queue.ReceiveAsync(32, Long, default));
        Assert.Equal("later", received.Body);
    }

    [Fact]
    public async Task Receive_HidesMessageForTheVisibilityTimeout()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("m", TimeSpan.Zero, default);

        var first = Assert.Single(await queue.ReceiveAsync(32, Long, default));

        Assert.Empty(await queue.ReceiveAsync(32, Long, default));
        Assert.Equal(1, first.DequeueCount);
    }

    [Fact]
    public async Task Receive_AfterVisibilityTimeout_ReappearsWithGrownDequeueCountAndNewReceipt()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("m", TimeSpan.Zero, default);
        var first = Assert.Single(await queue.ReceiveAsync(1, OneSecond, default));

        await LetTimePassAsync(TimeSpan.FromSeconds(2.5));
        var second = Assert.Single(await queue.ReceiveAsync(1, OneSecond, default));

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
    }

    [Fact]
    public async Task Receive_MaxMessages_ReturnsAtMostThatMany()
    {
        var queue = await NewQueueAsync();
        for (int i = 0; i < 5; i++)
        {
            await queue.SendAsync($"m{i}", TimeSpan.Zero, default);
        }

        Assert.Equal(3, (await queue.ReceiveAsync(3, Long, default)).Count);
        Assert.Equal(2, (await queue.ReceiveAsync(32, Long, default)).Count);
        Assert.Equal(5, await queue.GetApproximateCountAsync(default));
    }

    [Fact]
    public async Task Send_JsonWithMarkupAndUnicode_RoundTripsExactly()
    {
        var queue = await NewQueueAsync();
        const string body = "{\"a\":\"<x>&amp; ' \\\" é 漢字 🎬\",\"n\":1}";
        await queue.SendAsync(body, TimeSpan.Zero, default);

        Assert.Equal(body, Assert.Single(await queue.ReceiveAsync(1, Long, default)).Body);
    }

    [Fact]
    public async Task SendHeld_HiddenFromReceiversAndSettledWithTheSendReceipt()
    {
        var queue = await NewQueueAsync();
        var held = await queue.SendHeldAsync("mine", Long, default);
        var deleted = await queue.SendHeldAsync("gone", Long, default);

        Assert.Equal("mine", held.Body);
        Assert.Equal(0, held.DequeueCount);
        Assert.Empty(await queue.ReceiveAsync(32, Long, default));
        await queue.DeleteAsync(deleted, default);
        var released = await queue.UpdateAsync(held, TimeSpan.Zero, null, default);

        var received = Assert.Single(await queue.ReceiveAsync(32, Long, default));
        Assert.Equal(held.MessageId, received.MessageId);
        Assert.Equal("mine", received.Body);
        Assert.NotEqual(released.PopReceipt, received.PopReceipt);
    }

    [Fact]
    public async Task SendHeld_NeverSettled_ReappearsAfterTheTimeoutAsAFirstReceive()
    {
        var queue = await NewQueueAsync();
        var held = await queue.SendHeldAsync("orphan", OneSecond, default);

        await LetTimePassAsync(TimeSpan.FromSeconds(2.5));
        var received = Assert.Single(await queue.ReceiveAsync(32, Long, default));

        Assert.Equal(held.MessageId, received.MessageId);
        Assert.Equal(1, received.DequeueCount);
        await queue.DeleteAsync(held, default);
        Assert.Equal(1, await queue.GetApproximateCountAsync(default));
    }

    [Fact]
    public async Task Update_NewBodyAndZeroVisibility_ReturnsNewReceiptAndMessageReappearsChanged()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("old", TimeSpan.Zero, default);
        var received = Assert.Single(await queue.ReceiveAsync(1, Long, default));

        var updated = await queue.UpdateAsync(received, TimeSpan.Zero, "new", default);

        Assert.NotEqual(received.PopReceipt, updated.PopReceipt);
        Assert.Equal("new", updated.Body);
        var again = Assert.Single(await queue.ReceiveAsync(1, Long, default));
        Assert.Equal("new", again.Body);
        Assert.Equal(received.MessageId, again.MessageId);
    }

    [Fact]
    public async Task Update_WithoutBodyExtendingVisibility_KeepsBodyAndHidesMessage()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("body", TimeSpan.Zero, default);
        var received = Assert.Single(await queue.ReceiveAsync(1, OneSecond, default));

        var updated = await queue.UpdateAsync(received, Long, newBody: null, default);
        await LetTimePassAsync(TimeSpan.FromSeconds(2.5));

        Assert.Empty(await queue.ReceiveAsync(1, Long, default));
        Assert.Equal("body", updated.Body);
        await queue.DeleteAsync(updated, default);
        Assert.Equal(0, await queue.GetApproximateCountAsync(default));
    }

    [Fact]
    public async Task Delete_WithStaleReceipt_DoesNotDeleteTheReReceivedMessage()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("m", TimeSpan.Zero, default);
        var stale = Assert.Single(await queue.ReceiveAsync(1, OneSecond, default));
        await LetTimePassAsync(TimeSpan.FromSeconds(2.5));
        var current = Assert.Single(await queue.ReceiveAsync(1, Long, default));

        await queue.DeleteAsync(stale, default);

        // Still there: the current holder can still extend it, and it is counted.
        var stillThere = await queue.UpdateAsync(current, TimeSpan.Zero, null, default);
        Assert.Equal(1, await queue.GetApproximateCountAsync(default));
        await queue.DeleteAsync(stillThere, default);
        Assert.Empty(await queue.ReceiveAsync(1, Long, default));
    }

    [Fact]
    public async Task Update_WithStaleReceipt_Conflicts()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("m", TimeSpan.Zero, default);
        var stale = Assert.Single(await queue.ReceiveAsync(1, OneSecond, default));
        await LetTimePassAsync(TimeSpan.FromSeconds(2.5));
        Assert.Single(await queue.ReceiveAsync(1, Long, default));

        await Assert.ThrowsAsync<StorageConflictException>(() => queue.UpdateAsync(stale, TimeSpan.Zero, "x", default));
    }

    // ---- tables ----
    [Fact]
    public async Task Insert_ExistingRow_ConflictsAndKeepsTheStoredRow()
    {
        var table = await NewTableAsync();
        await table.ExecuteBatchAsync([TableOperation.Insert(Row("p", "r", ("V", "first")))], default);

        await Assert.ThrowsAsync<StorageConflictException>(() => table.ExecuteBatchAsync([TableOperation.Insert(Row("p", "r", ("V", "second")))], default));

        Assert.Equal("first", (await table.GetAsync("p", "r", default))!.GetString("V"));
    }

    [Fact]
    public async Task Replace_WithCurrentETag_ReturnsTheETagAReadSees()
    {
        var table = await NewTableAsync();
        var inserted = await table.ExecuteBatchAsync([TableOperation.Insert(Row("p", "r", ("V", 1L)))], default);
        Assert.Equal(inserted[0], (await table.GetAsync("p", "r", default))!.ETag);

        var replaced = await table.ExecuteBatchAsync([TableOperation.Replace(Row("p", "r", ("V", 2L)), inserted[0])], default);

        var read = await table.GetAsync("p", "r", default);
        Assert.Equal(replaced[0], read!.ETag);
        Assert.NotEqual(inserted[0], replaced[0]);
        Assert.Equal(2L, read.GetInt64("V"));
    }

    [Fact]
    public async Task Replace_WithStaleETag_Conflicts()
    {
        var table = await NewTableAsync();
        var stale = (await table.ExecuteBatchAsync([TableOperation.Insert(Row("p", "r", ("V", 1L)))], default))[0];
        await table.ExecuteBatchAsync([TableOperation.Upsert(Row("p", "r", ("V", 2L)))], default);

        await Assert.ThrowsAsync<StorageConflictException>(() => table.ExecuteBatchAsync([TableOperation.Replace(Row("p", "r", ("V", 3L)), stale)], default));
        Assert.Equal(2L, (await table.GetAsync("p", "r", default))!.GetInt64("V"));
    }

    [Fact]
    public async Task Batch_WithOneStaleETag_AppliesNothing()
    {
        var table = await NewTableAsync();
        var stale = (await table.ExecuteBatchAsync([TableOperation.Insert(Row("p", "state", ("V", 1L)))], default))[0];
        await table.ExecuteBatchAsync([TableOperation.Upsert(Row("p", "state", ("V", 2L)))], default);

        await Assert.ThrowsAsync<StorageConflictException>(() => table.ExecuteBatchAsync(
            [TableOperation.Insert(Row("p", "page1")), TableOperation.Replace(Row("p", "state", ("V", 3L)), stale)], default));

        Assert.Null(await table.GetAsync("p", "page1", default));
        Assert.Equal(2L, (await table.GetAsync("p", "state", default))!.GetInt64("V"));
    }

    [Fact]
    public async Task Delete_MissingRowUnconditionally_IsANoOpAndTheRestOfTheBatchApplies()
    {
        var table = await NewTableAsync();

        var etags = await table.ExecuteBatchAsync([TableOperation.Delete("p", "missing"), TableOperation.Insert(Row("p", "new"))], default);

        Assert.Equal(2, etags.Count);
        Assert.NotNull(await table.GetAsync("p", "new", default));
    }

    [Fact]
    public async Task Delete_WithStaleETag_ConflictsAndKeepsTheRow()
    {
        var table = await NewTableAsync();
        var stale = (await table.ExecuteBatchAsync([TableOperation.Insert(Row("p", "r"))], default))[0];
        await table.ExecuteBatchAsync([TableOperation.Upsert(Row("p", "r", ("V", 2L)))], default);

        await Assert.ThrowsAsync<StorageConflictException>(() => table.ExecuteBatchAsync([TableOperation.Delete("p", "r", stale)], default));
        Assert.NotNull(await table.GetAsync("p", "r", default));
    }

    [Fact]
    public async Task Get_MissingRow_ReturnsNull()
    {
        var table = await NewTableAsync();

        Assert.Null(await table.GetAsync("p", "nothing", default));
    }

    [Fact]
    public async Task Row_EveryPropertyType_RoundTripsWithETagAndTimestamp()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2026, 11, 23, 18, 30, 15, 123, TimeSpan.FromHours(2));
        var row = Row(
            "p",
            "r",
            ("S", "text ' \" é"),
            ("B", new byte[] { 0, 1, 2, 255 }),
            ("L", 1L << 40),
            ("I", 42),
            ("D", 2.5),
            ("D2", 2.0),
            ("T", true),
            ("W", when),
            ("N", null));
        await table.ExecuteBatchAsync([TableOperation.Insert(row)], default);

        var read = (await table.GetAsync("p", "r", default))!;

        Assert.Equal("text ' \" é", read.GetString("S"));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, read.GetBinary("B"));
        Assert.Equal(1L << 40, read.GetInt64("L"));
        Assert.Equal(42L, read.GetInt64("I"));
        Assert.Equal(2.5, Assert.IsType<double>(read["D"]));
        Assert.Equal(2.0, Assert.IsType<double>(read["D2"]));
        Assert.Equal(true, read["T"]);
        Assert.Equal(when, read.GetDateTimeOffset("W"));
        Assert.False(read.Properties.ContainsKey("N"));
        Assert.False(string.IsNullOrEmpty(read.ETag));
        Assert.NotEqual(default, read.Timestamp);
    }

    [Fact]
    public async Task Row_64KBBinaryProperty_RoundTrips()
    {
        var table = await NewTableAsync();
        byte[] big = new byte[64 * 1024];
        new Random(7).NextBytes(big);

        await table.ExecuteBatchAsync([TableOperation.Insert(Row("p", "r", ("Ev0", big)))], default);

        Assert.Equal(big, (await table.GetAsync("p", "r", default))!.GetBinary("Ev0"));
    }

    [Fact]
    public async Task Timestamp_AfterALaterWrite_MovesForward()
    {
        var table = await NewTableAsync();
        await table.ExecuteBatchAsync([TableOperation.Upsert(Row("w", "a"))], default);
        var first = (await table.GetAsync("w", "a", default))!.Timestamp;

        await LetTimePassAsync(TimeSpan.FromSeconds(1.5));
        await table.ExecuteBatchAsync([TableOperation.Upsert(Row("w", "a"))], default);

        var second = (await table.GetAsync("w", "a", default))!.Timestamp;
        Assert.True(second - first >= TimeSpan.FromSeconds(1), $"Timestamp went from {first:O} to {second:O}.");
    }

    [Fact]
    public async Task Query_ByPartitionAndRowKeyFrom_ReturnsThatRangeInKeyOrder()
    {
        var table = await NewTableAsync();
        await InsertAsync(table, ("a", "p0000000001"), ("a", "p0000000002"), ("a", "s"), ("a", "o"), ("b", "p0000000003"));

        var rows = await QueryAllAsync(table, new TableQuery { PartitionKey = "a", RowKeyFrom = "p0000000002" });

        Assert.Equal(["p0000000002", "s"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task Query_ByPartitionKeyPrefix_ReturnsOnlyKeysStartingWithIt()
    {
        var table = await NewTableAsync();
        await InsertAsync(table, ("ab", "1"), ("abc", "1"), ("abz~", "1"), ("ac", "1"), ("a", "1"), ("b", "1"));

        var rows = await QueryAllAsync(table, new TableQuery { PartitionKeyPrefix = "ab" });

        Assert.Equal(["ab", "abc", "abz~"], rows.Select(r => r.PartitionKey));
    }

    [Fact]
    public async Task Query_AnyOfAndDateTimeRange_CombineLikeTheFilterSays()
    {
        var table = await NewTableAsync();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string[] statuses = ["Running", "Pending", "Completed", "Failed", "Running'"];
        var ops = new List<TableOperation>();
        for (int i = 0; i < statuses.Length; i++)
        {
            ops.Add(TableOperation.Insert(Row("p", $"r{i}", ("Status", statuses[i]), ("CreatedAt", t0.AddHours(i)))));
        }

        await table.ExecuteBatchAsync(ops, default);

        var rows = await QueryAllAsync(table, new TableQuery
        {
            Conditions =
            [
                new TableCondition("Status", TableComparison.Equal, "Running") { AnyOf = ["Running", "Completed", "Running'"] },
                new TableCondition("CreatedAt", TableComparison.GreaterThanOrEqual, t0.AddMinutes(30)),
                new TableCondition("CreatedAt", TableComparison.LessThan, t0.AddHours(4)),
            ],
        });

        Assert.Equal(["r2"], rows.Select(r => r.RowKey));
        var withQuote = await QueryAllAsync(table, new TableQuery
        {
            Conditions = [new TableCondition("Status", TableComparison.Equal, "Running'"), new TableCondition("CreatedAt", TableComparison.LessThanOrEqual, t0.AddHours(4))],
        });
        Assert.Equal(["r4"], withQuote.Select(r => r.RowKey));
    }

    [Fact]
    public async Task Query_LongCondition_ComparesNumerically()
    {
        var table = await NewTableAsync();
        await table.ExecuteBatchAsync(
            [TableOperation.Insert(Row("p", "a", ("Seq", 9L))), TableOperation.Insert(Row("p", "b", ("Seq", 10L))), TableOperation.Insert(Row("p", "c", ("Seq", 100L)))],
            default);

        var rows = await QueryAllAsync(table, new TableQuery { Conditions = [new TableCondition("Seq", TableComparison.GreaterThanOrEqual, 10L)] });

        Assert.Equal(["b", "c"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task Query_PagedWithContinuation_VisitsEveryRowExactlyOnce()
    {
        var table = await NewTableAsync();
        var expected = new List<string>();
        foreach (string pk in new[] { "x1", "x2", "x3" })
        {
            var ops = Enumerable.Range(0, 9).Select(i => TableOperation.Insert(Row(pk, $"r{i:D2}"))).ToList();
            await table.ExecuteBatchAsync(ops, default);
            expected.AddRange(ops.Select(o => $"{pk}/{o.Row.RowKey}"));
        }

        var seen = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            var page = await table.QueryAsync(new TableQuery { PartitionKeyPrefix = "x", PageSize = 7 }, token, default);
            Assert.True(page.Rows.Count <= 7);
            seen.AddRange(page.Rows.Select(r => $"{r.PartitionKey}/{r.RowKey}"));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 50);

        Assert.Equal(expected, seen);
        Assert.True(pages >= 4, $"27 rows in pages of 7 took {pages} pages.");
    }

    [Fact]
    public async Task Query_Select_ReturnsOnlyTheSelectedPropertiesWithKeysAndETag()
    {
        var table = await NewTableAsync();
        await table.ExecuteBatchAsync([TableOperation.Insert(Row("p", "r", ("Name", "n"), ("Big", new byte[100]), ("Status", "Running")))], default);

        var row = Assert.Single(await QueryAllAsync(table, new TableQuery { PartitionKey = "p", Select = ["Name", "Status", "Absent"] }));

        Assert.Equal(["Name", "Status"], row.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("p", "r"), (row.PartitionKey, row.RowKey));
        Assert.False(string.IsNullOrEmpty(row.ETag));
    }

    [Fact]
    public async Task Query_AnyOfWithNoAlternatives_ReturnsNothing()
    {
        var table = await NewTableAsync();
        await InsertAsync(table, ("p", "r"));

        var page = await table.QueryAsync(new TableQuery { Conditions = [new TableCondition("RowKey", TableComparison.Equal, "r") { AnyOf = [] }] }, null, default);

        Assert.Empty(page.Rows);
        Assert.Null(page.ContinuationToken);
    }

    // ---- blobs ----
    [Fact]
    public async Task Upload_IfNoneMatchOnExistingBlob_ConflictsAndKeepsContent()
    {
        var container = await NewContainerAsync();
        await container.UploadAsync("a/b.json", "first"u8.ToArray(), ifNoneMatch: true, default);

        await Assert.ThrowsAsync<StorageConflictException>(() => container.UploadAsync("a/b.json", "second"u8.ToArray(), ifNoneMatch: true, default));

        Assert.Equal("first", Encoding.UTF8.GetString((await container.DownloadAsync("a/b.json", default))!));
    }

    [Fact]
    public async Task Upload_WithoutCondition_OverwritesAndDeleteRemoves()
    {
        var container = await NewContainerAsync();
        await container.UploadAsync("x", "1"u8.ToArray(), ifNoneMatch: false, default);
        await container.UploadAsync("x", "2"u8.ToArray(), ifNoneMatch: false, default);
        Assert.Equal("2"u8.ToArray(), await container.DownloadAsync("x", default));

        await container.DeleteAsync("x", default);
        await container.DeleteAsync("x", default);

        Assert.Null(await container.DownloadAsync("x", default));
    }

    [Fact]
    public async Task Download_MissingBlob_ReturnsNull()
    {
        var container = await NewContainerAsync();

        Assert.Null(await container.DownloadAsync("nothing/here", default));
    }

    [Fact]
    public async Task List_ByPrefix_ReturnsOnlyBlobsStartingWithIt()
    {
        var container = await NewContainerAsync();
        foreach (string name in new[] { "i1/a.json.gz", "i1/b.json.gz", "i10/c.json.gz", "i2/d.json.gz" })
        {
            await container.UploadAsync(name, new byte[] { 1 }, ifNoneMatch: true, default);
        }

        var names = new List<string>();
        await foreach (string name in container.ListAsync("i1/", default))
        {
            names.Add(name);
        }

        Assert.Equal(["i1/a.json.gz", "i1/b.json.gz"], names.Order(StringComparer.Ordinal));
    }

    // ---- leases ----
    [Fact]
    public async Task Lease_HeldByOne_IsExclusiveUntilReleased()
    {
        var container = await NewContainerAsync();
        await container.UploadAsync("partition-00", Array.Empty<byte>(), ifNoneMatch: true, default);
        string mine = Guid.NewGuid().ToString(), theirs = Guid.NewGuid().ToString();

        Assert.True(await container.TryAcquireLeaseAsync("partition-00", mine, LeaseDuration, default));
        Assert.False(await container.TryAcquireLeaseAsync("partition-00", theirs, LeaseDuration, default));
        Assert.True(await container.RenewLeaseAsync("partition-00", mine, default));
        Assert.False(await container.RenewLeaseAsync("partition-00", theirs, default));

        await container.ReleaseLeaseAsync("partition-00", theirs, default);
        Assert.False(await container.TryAcquireLeaseAsync("partition-00", theirs, LeaseDuration, default));
        await container.ReleaseLeaseAsync("partition-00", mine, default);

        Assert.True(await container.TryAcquireLeaseAsync("partition-00", theirs, LeaseDuration, default));
        Assert.False(await container.RenewLeaseAsync("partition-00", mine, default));
    }

    [Fact]
    public async Task Lease_AfterExpiry_AnotherAcquiresAndTheFormerHolderCannotRenew()
    {
        var container = await NewContainerAsync();
        await container.UploadAsync("partition-01", Array.Empty<byte>(), ifNoneMatch: true, default);
        string mine = Guid.NewGuid().ToString(), theirs = Guid.NewGuid().ToString();
        Assert.True(await container.TryAcquireLeaseAsync("partition-01", mine, LeaseDuration, default));

        await LetTimePassAsync(LeaseDuration + TimeSpan.FromSeconds(1.5));

        Assert.True(await container.TryAcquireLeaseAsync("partition-01", theirs, LeaseDuration, default));
        Assert.False(await container.RenewLeaseAsync("partition-01", mine, default));
        Assert.True(await container.RenewLeaseAsync("partition-01", theirs, default));
    }

    // ---- helpers ----
    private protected static TableRow Row(string pk, string rk, params (string Name, object? Value)[] properties)
    {
        var row = new TableRow(pk, rk);
        foreach (var (name, value) in properties)
        {
            row[name] = value;
        }

        return row;
    }

    private static async Task InsertAsync(IDataTable table, params (string Pk, string Rk)[] keys)
    {
        foreach (var (pk, rk) in keys)
        {
            await table.ExecuteBatchAsync([TableOperation.Insert(Row(pk, rk))], default);
        }
    }

    private static async Task<List<TableRow>> QueryAllAsync(IDataTable table, TableQuery query)
    {
        var rows = new List<TableRow>();
        string? token = null;
        do
        {
            var page = await table.QueryAsync(query, token, default);
            rows.AddRange(page.Rows);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return rows;
    }

    private async Task<IMessageQueue> NewQueueAsync()
    {
        var queue = Provider.GetQueue("q" + Guid.NewGuid().ToString("N"));
        await queue.CreateIfNotExistsAsync(default);
        return queue;
    }

    private async Task<IDataTable> NewTableAsync()
    {
        var table = Provider.GetTable(MediaSync.TestSupport.UniqueNames.Table());
        await table.CreateIfNotExistsAsync(default);
        return table;
    }

    private async Task<IBlobContainer> NewContainerAsync()
    {
        var container = Provider.GetContainer("c" + Guid.NewGuid().ToString("N"));
        await container.CreateIfNotExistsAsync(default);
        return container;
    }
}
