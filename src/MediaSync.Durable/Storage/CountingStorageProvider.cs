using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace MediaSync.Durable.Storage;

/// <summary>
/// Counts storage requests by operation, so benchmarks and diagnostics can report storage
/// operations per activity (durable-runtime.md §14–15).
/// </summary>
internal sealed class CountingStorageProvider(IStorageProvider inner) : IStorageProvider
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Counts => counts;

    /// <summary>Gets the number of requests made (<c>queue.received</c>, the messages receives returned, is not one).</summary>
    public long Total => counts.Where(c => c.Key != "queue.received").Sum(c => c.Value);

    public void Reset() => counts.Clear();

    public IMessageQueue GetQueue(string name) => new Queue(this, inner.GetQueue(name));

    public IDataTable GetTable(string name) => new Table(this, inner.GetTable(name));

    public IBlobContainer GetContainer(string name) => new Container(this, inner.GetContainer(name));

    private void Count(string operation) => counts.AddOrUpdate(operation, 1, (_, n) => n + 1);

    private sealed class Queue(CountingStorageProvider c, IMessageQueue q) : IMessageQueue
    {
        public string Name => q.Name;

        public Task CreateIfNotExistsAsync(CancellationToken ct) => q.CreateIfNotExistsAsync(ct);

        public Task DeleteIfExistsAsync(CancellationToken ct) => q.DeleteIfExistsAsync(ct);

        public Task SendAsync(string body, TimeSpan delay, CancellationToken ct)
        {
            c.Count("queue.send");
            return q.SendAsync(body, delay, ct);
        }

        public Task<QueueMessage> SendHeldAsync(string body, TimeSpan visibility, CancellationToken ct)
        {
            c.Count("queue.send");
            return q.SendHeldAsync(body, visibility, ct);
        }

        public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken ct)
        {
            c.Count("queue.receive");
            var messages = await q.ReceiveAsync(max, visibility, ct).ConfigureAwait(false);
            if (messages.Count > 0)
            {
                // Not a request: how many messages came through a receive rather than straight from this host's sender.
                c.counts.AddOrUpdate("queue.received", messages.Count, (_, n) => n + messages.Count);
            }

            return messages;
        }

        public Task<QueueMessage> UpdateAsync(QueueMessage m, TimeSpan visibility, string? body, CancellationToken ct)
        {
            c.Count("queue.update");
            return q.UpdateAsync(m, visibility, body, ct);
        }

        public Task DeleteAsync(QueueMessage m, CancellationToken ct)
        {
            c.Count("queue.delete");
            return q.DeleteAsync(m, ct);
        }

        public Task<int> GetApproximateCountAsync(CancellationToken ct) => q.GetApproximateCountAsync(ct);
    }

    private sealed class Table(CountingStorageProvider c, IDataTable t) : IDataTable
    {
        public string Name => t.Name;

        public Task CreateIfNotExistsAsync(CancellationToken ct) => t.CreateIfNotExistsAsync(ct);

        public Task DeleteIfExistsAsync(CancellationToken ct) => t.DeleteIfExistsAsync(ct);

        public Task<TableRow?> GetAsync(string pk, string rk, CancellationToken ct)
        {
            c.Count("table.get");
            return t.GetAsync(pk, rk, ct);
        }

        public Task<TablePage> QueryAsync(TableQuery query, string? token, CancellationToken ct)
        {
            c.Count("table.query");
            return t.QueryAsync(query, token, ct);
        }

        public Task<IReadOnlyList<string>> ExecuteBatchAsync(IReadOnlyList<TableOperation> ops, CancellationToken ct)
        {
            c.Count("table.batch");
            return t.ExecuteBatchAsync(ops, ct);
        }
    }

    private sealed class Container(CountingStorageProvider c, IBlobContainer b) : IBlobContainer
    {
        public string Name => b.Name;

        public Task CreateIfNotExistsAsync(CancellationToken ct) => b.CreateIfNotExistsAsync(ct);

        public Task DeleteIfExistsAsync(CancellationToken ct) => b.DeleteIfExistsAsync(ct);

        public Task UploadAsync(string blobName, ReadOnlyMemory<byte> content, bool ifNoneMatch, CancellationToken ct)
        {
            c.Count("blob.upload");
            return b.UploadAsync(blobName, content, ifNoneMatch, ct);
        }

        public Task<byte[]?> DownloadAsync(string blobName, CancellationToken ct)
        {
            c.Count("blob.download");
            return b.DownloadAsync(blobName, ct);
        }

        public Task DeleteAsync(string blobName, CancellationToken ct)
        {
            c.Count("blob.delete");
            return b.DeleteAsync(blobName, ct);
        }

        public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
        {
            c.Count("blob.list");
            await foreach (string name in b.ListAsync(prefix, ct).ConfigureAwait(false))
            {
                yield return name;
            }
        }

        public Task<bool> TryAcquireLeaseAsync(string blobName, string leaseId, TimeSpan duration, CancellationToken ct)
        {
            c.Count("lease.acquire");
            return b.TryAcquireLeaseAsync(blobName, leaseId, duration, ct);
        }

        public Task<bool> RenewLeaseAsync(string blobName, string leaseId, CancellationToken ct)
        {
            c.Count("lease.renew");
            return b.RenewLeaseAsync(blobName, leaseId, ct);
        }

        public Task ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken ct) => b.ReleaseLeaseAsync(blobName, leaseId, ct);
    }
}
