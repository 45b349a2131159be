using System.Collections.Concurrent;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace MediaSync.Durable.Storage.AzureStorage;

/// <summary>
/// The storage primitives over one Azure Storage account (or Azurite). One instance per process:
/// it holds the three service clients and hands out one queue/table/container wrapper per name,
/// each remembering that it already ran its create-if-not-exists.
/// </summary>
internal sealed class AzureStorageProvider : IStorageProvider
{
    private readonly QueueServiceClient queueService;
    private readonly TableServiceClient tableService;
    private readonly BlobServiceClient blobService;
    private readonly ConcurrentDictionary<string, AzureMessageQueue> queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AzureDataTable> tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, AzureBlobContainer> containers = new(StringComparer.Ordinal);

    /// <summary>From a connection string (<c>UseDevelopmentStorage=true</c>, Azurite's, or an account key's).</summary>
    public AzureStorageProvider(string connectionString, AzureStorageProviderOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        options ??= new AzureStorageProviderOptions();
        queueService = new QueueServiceClient(connectionString, Configure(new QueueClientOptions(), options, logger));
        tableService = new TableServiceClient(connectionString, Configure(new TableClientOptions(), options, logger));
        blobService = new BlobServiceClient(connectionString, Configure(new BlobClientOptions(), options, logger));
    }

    /// <summary>From service endpoints and an identity (production: <c>DefaultAzureCredential</c> or a managed identity).</summary>
    public AzureStorageProvider(
        Uri queueServiceUri, Uri tableServiceUri, Uri blobServiceUri, TokenCredential credential, AzureStorageProviderOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new AzureStorageProviderOptions();
        queueService = new QueueServiceClient(queueServiceUri, credential, Configure(new QueueClientOptions(), options, logger));
        tableService = new TableServiceClient(tableServiceUri, credential, Configure(new TableClientOptions(), options, logger));
        blobService = new BlobServiceClient(blobServiceUri, credential, Configure(new BlobClientOptions(), options, logger));
    }

    /// <summary>From ready-made service clients (e.g. registered through Microsoft.Extensions.Azure); their options are kept.</summary>
    public AzureStorageProvider(QueueServiceClient queueService, TableServiceClient tableService, BlobServiceClient blobService)
    {
        this.queueService = queueService ?? throw new ArgumentNullException(nameof(queueService));
        this.tableService = tableService ?? throw new ArgumentNullException(nameof(tableService));
        this.blobService = blobService ?? throw new ArgumentNullException(nameof(blobService));
    }

    public IMessageQueue GetQueue(string name) => queues.GetOrAdd(name, n => new AzureMessageQueue(queueService.GetQueueClient(n)));

    public IDataTable GetTable(string name) => tables.GetOrAdd(name, n => new AzureDataTable(tableService.GetTableClient(n)));

    public IBlobContainer GetContainer(string name) => containers.GetOrAdd(name, n => new AzureBlobContainer(blobService.GetBlobContainerClient(n)));

    internal static T Configure<T>(T clientOptions, AzureStorageProviderOptions options, ILogger? logger = null)
        where T : ClientOptions
    {
        if (logger is not null)
        {
            // Per retry: each try has its own network timeout, and a hung one is what the log must show.
            clientOptions.AddPolicy(new SlowStorageRequestPolicy(logger, options.SlowRequestThreshold), HttpPipelinePosition.PerRetry);
        }

        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        return clientOptions;
    }
}
