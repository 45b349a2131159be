using System.Net;
using System.Net.Sockets;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MediaSync.Durable.Storage;
using MediaSync.Durable.Storage.AzureStorage;
using MediaSync.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace MediaSync.Durable.Tests.StorageBackends;

/// <summary>What only the Azure backend has: request economy, unreachable-account errors, lease id rules.</summary>
public sealed class AzureStorageProviderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly RequestCounter requests = new();

    [Fact]
    public async Task CreateIfNotExists_CalledRepeatedly_SendsOneRequestPerResource()
    {
        var sut = CreateCountingSut();
        string name = "q" + Guid.NewGuid().ToString("N");
        string table = UniqueNames.Table();

        for (int i = 0; i < 3; i++)
        {
            await sut.GetQueue(name).CreateIfNotExistsAsync(default);
            await sut.GetTable(table).CreateIfNotExistsAsync(default);
            await sut.GetContainer(name).CreateIfNotExistsAsync(default);
        }

        Assert.Equal(3, requests.Count);
    }

    [Fact]
    public async Task EngineHotPath_SendReceiveBatchQuery_OneRequestEach()
    {
        var sut = CreateCountingSut();
        var queue = sut.GetQueue("q" + Guid.NewGuid().ToString("N"));
        var table = sut.GetTable(UniqueNames.Table());
        await queue.CreateIfNotExistsAsync(default);
        await table.CreateIfNotExistsAsync(default);
        int before = requests.Count;

        await queue.SendAsync("m", TimeSpan.Zero, default);
        var received = await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1), default);
        await queue.DeleteAsync(received[0], default);
        var row = new TableRow("p", "s") { ["V"] = 1L };
        await table.ExecuteBatchAsync([TableOperation.Insert(new TableRow("p", "p0000000001")), TableOperation.Upsert(row)], default);
        await table.QueryAsync(new TableQuery { PartitionKey = "p", RowKeyFrom = "p" }, null, default);

        Assert.Equal(5, requests.Count - before);
    }

    [Fact]
    public async Task AnyCall_AccountUnreachable_ThrowsNamingTheEndpointButNotTheKey()
    {
        int port = ClosedPort();
        string endpoint = $"http://127.0.0.1:{port}/devstoreaccount1";
        var sut = new AzureStorageProvider(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};BlobEndpoint={endpoint};QueueEndpoint={endpoint};TableEndpoint={endpoint};",
            new AzureStorageProviderOptions { MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(10) });

        var queueError = await Assert.ThrowsAsync<StorageUnreachableException>(() => sut.GetQueue("q1").SendAsync("m", TimeSpan.Zero, default));
        var tableError = await Assert.ThrowsAsync<StorageUnreachableException>(() => sut.GetTable("t1").GetAsync("p", "r", default));
        var blobError = await Assert.ThrowsAsync<StorageUnreachableException>(() => sut.GetContainer("c1").DownloadAsync("b", default));

        foreach (var error in new[] { queueError, tableError, blobError })
        {
            Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(DevelopmentKey[..12], error.ToString(), StringComparison.Ordinal);
        }

        Assert.Contains("queue endpoint", queueError.Message, StringComparison.Ordinal);
        Assert.Contains("table endpoint", tableError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HungRequest_IsLoggedWithItsPathAndNoResponse_WhenItsTryTimesOut()
    {
        // A storage endpoint that takes requests and never answers (the client's try times out).
        await using LoopbackServer hung = await LoopbackServer.StartAsync(app => app.MapFallback(async context =>
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, context.RequestAborted)));
        string endpoint = new Uri(hung.BaseAddress, "devstoreaccount1").ToString();
        var log = new CapturingLoggerProvider();
        var sut = new AzureStorageProvider(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};BlobEndpoint={endpoint};QueueEndpoint={endpoint};TableEndpoint={endpoint};",
            new AzureStorageProviderOptions { MaxRetries = 0, NetworkTimeout = TimeSpan.FromMilliseconds(500), SlowRequestThreshold = TimeSpan.FromMilliseconds(200) },
            log.CreateLogger("storage"));

        await Assert.ThrowsAnyAsync<Exception>(() => sut.GetTable("hungtable").GetAsync("p", "r", default));

        string line = Assert.Single(log.Lines, l => l.Contains("Storage request GET", StringComparison.Ordinal));
        Assert.Contains("hungtable", line, StringComparison.Ordinal);
        Assert.Contains("(no response)", line, StringComparison.Ordinal);
        Assert.DoesNotContain(DevelopmentKey[..12], line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FastRequests_AreNotLogged()
    {
        var log = new CapturingLoggerProvider();
        var table = new AzureStorageProvider(azurite.ConnectionString, new AzureStorageProviderOptions(), log.CreateLogger("storage")).GetTable(UniqueNames.Table());

        await table.CreateIfNotExistsAsync(default);
        await table.GetAsync("p", "r", default);

        Assert.Empty(log.Lines);
    }

    [Fact]
    public async Task TryAcquireLease_LeaseIdNotAGuid_ThrowsSayingWhy()
    {
        var container = new AzureStorageProvider(azurite.ConnectionString).GetContainer("c" + Guid.NewGuid().ToString("N"));
        await container.CreateIfNotExistsAsync(default);
        await container.UploadAsync("partition-00", Array.Empty<byte>(), ifNoneMatch: true, default);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => container.TryAcquireLeaseAsync("partition-00", "worker-1", TimeSpan.FromSeconds(15), default));

        Assert.Contains("GUID", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryAcquireLease_MissingBlob_ThrowsNamingIt()
    {
        var container = new AzureStorageProvider(azurite.ConnectionString).GetContainer("c" + Guid.NewGuid().ToString("N"));
        await container.CreateIfNotExistsAsync(default);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => container.TryAcquireLeaseAsync("partition-07", Guid.NewGuid().ToString(), TimeSpan.FromSeconds(15), default));

        Assert.Contains("partition-07", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteBatch_UnsupportedPropertyType_ThrowsNamingPropertyAndRowAndStoresNothing()
    {
        var table = new AzureStorageProvider(azurite.ConnectionString).GetTable(UniqueNames.Table());
        await table.CreateIfNotExistsAsync(default);
        var bad = new TableRow("p", "r2") { ["When"] = TimeSpan.FromSeconds(1) };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => table.ExecuteBatchAsync([TableOperation.Insert(new TableRow("p", "r1")), TableOperation.Insert(bad)], default));

        Assert.Contains("When", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(p, r2)", ex.Message, StringComparison.Ordinal);
        Assert.Null(await table.GetAsync("p", "r1", default));
    }

    private AzureStorageProvider CreateCountingSut()
    {
        var queueOptions = new QueueClientOptions();
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        queueOptions.AddPolicy(requests, HttpPipelinePosition.PerCall);
        tableOptions.AddPolicy(requests, HttpPipelinePosition.PerCall);
        blobOptions.AddPolicy(requests, HttpPipelinePosition.PerCall);
        return new AzureStorageProvider(
            new QueueServiceClient(azurite.ConnectionString, queueOptions),
            new TableServiceClient(azurite.ConnectionString, tableOptions),
            new BlobServiceClient(azurite.ConnectionString, blobOptions));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
    }
}
