using System.Collections.Concurrent;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Catalog.Storage.Tests;

/// <summary>A catalog store on the shared Azurite with its own table prefix, and the requests it sent.</summary>
internal sealed class StoreHarness : IDisposable
{
    private readonly ServiceProvider provider;

    public StoreHarness(string connectionString, Action<CatalogStoreOptions>? configure = null, Func<string, string>? rewriteBatch = null, int failFirstBatches = 0, int failHashQueries = 0)
    {
        Requests = new RequestRecorder(rewriteBatch, failFirstBatches, failHashQueries);
        var clientOptions = new TableClientOptions();

        // The writer's own retry is under test; the SDK's would hide injected failures.
        clientOptions.Retry.MaxRetries = 0;
        clientOptions.AddPolicy(Requests, HttpPipelinePosition.PerCall);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new TableServiceClient(connectionString, clientOptions));
        services.AddCatalogStore(options =>
        {
            options.TablePrefix = Prefix;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(options);
        });
        provider = services.BuildServiceProvider(validateScopes: true);
        Store = provider.GetRequiredService<CatalogStore>();
        Service = provider.GetRequiredService<TableServiceClient>();
    }

    public string Prefix { get; } = UniqueNames.Table("c")[..20];

    public CatalogStore Store { get; }

    public TableServiceClient Service { get; }

    public RequestRecorder Requests { get; }

    public TableClient Table(CatalogTable table) => Service.GetTableClient(Prefix + table);

    public async Task<List<TableEntity>> ReadAllAsync(CatalogTable table)
    {
        var all = new List<TableEntity>();
        await foreach (var entity in Table(table).QueryAsync<TableEntity>())
        {
            all.Add(entity);
        }

        return all;
    }

    public void Dispose() => provider.Dispose();

    /// <summary>Counts the operations of every transaction, and can rewrite or fail batches to simulate the service.</summary>
    internal sealed class RequestRecorder(Func<string, string>? rewriteBatch, int failFirstBatches, int failHashQueries) : HttpPipelinePolicy
    {
        private int failuresLeft = failFirstBatches;
        private int hashQueryFailuresLeft = failHashQueries;
        private readonly TaskCompletionSource secondBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int batchesSeen;
        private int batchesInFlight;
        private int peakBatches;

        public ConcurrentQueue<int> BatchSizes { get; } = new();

        public int HashQueriesFailed { get; private set; }

        /// <summary>Gets the most transactions that were in flight at once.</summary>
        public int PeakConcurrentBatches => Volatile.Read(ref peakBatches);

        /// <summary>
        /// Sets how long the first transaction is held back, waiting for a second one to arrive: a writer that sends
        /// transactions one at a time sends no second one meanwhile, so the hold runs out and the peak stays 1.
        /// </summary>
        public TimeSpan HoldFirstBatch { get; set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The store is asynchronous.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Uri.Query.Contains("ContentHash", StringComparison.Ordinal) && Interlocked.Decrement(ref hashQueryFailuresLeft) >= 0)
            {
                HashQueriesFailed++;
                throw new RequestFailedException(500, "Injected: query failed", "InternalError", null);
            }

            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && message.Request.Content is not null)
            {
                using var buffer = new MemoryStream();
                await message.Request.Content.WriteToAsync(buffer, message.CancellationToken);
                string body = Encoding.UTF8.GetString(buffer.ToArray());
                if (Interlocked.Decrement(ref failuresLeft) >= 0)
                {
                    throw new RequestFailedException(503, "Injected: server busy", "ServerBusy", null);
                }

                BatchSizes.Enqueue(CountOccurrences(body, "Content-Type: application/http"));
                if (rewriteBatch is not null)
                {
                    message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(rewriteBatch(body)));
                }

                int inFlight = Interlocked.Increment(ref batchesInFlight);
                Peak.Raise(ref peakBatches, inFlight);
                try
                {
                    int number = Interlocked.Increment(ref batchesSeen);
                    if (number == 2)
                    {
                        secondBatch.TrySetResult();
                    }
                    else if (number == 1 && HoldFirstBatch > TimeSpan.Zero)
                    {
                        await Task.WhenAny(secondBatch.Task, Task.Delay(HoldFirstBatch, TimeProvider.System, CancellationToken.None));
                    }

                    await ProcessNextAsync(message, pipeline);
                }
                finally
                {
                    Interlocked.Decrement(ref batchesInFlight);
                }

                return;
            }

            await ProcessNextAsync(message, pipeline);
        }

        private static int CountOccurrences(string text, string value)
        {
            int count = 0;
            for (int i = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.OrdinalIgnoreCase))
            {
                count++;
            }

            return count;
        }
    }
}
