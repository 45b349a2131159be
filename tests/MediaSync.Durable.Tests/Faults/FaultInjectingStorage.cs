using System.Runtime.CompilerServices;
using MediaSync.Durable.Storage;

namespace MediaSync.Durable.Tests.Faults;

/// <summary>Thrown by the fault injector where a real process would have died.</summary>
internal sealed class SimulatedCrashException(string message) : Exception(message);

/// <summary>
/// Decorates a storage provider and "kills the process" at a chosen primitive call: that call (before
/// or after it reaches storage) and every later call through this decorator throw, as if the host had
/// died there. A new host on the inner provider then plays the survivor. With <paramref name="beforeCall"/> a test can
/// also hold a call back until another one happened, to force an interleaving.
/// </summary>
internal sealed class FaultInjectingStorage(IStorageProvider inner, Func<StorageCall, CrashPoint> decide, Func<StorageCall, Task>? beforeCall = null) : IStorageProvider
{
    private int calls;
    private volatile string? crashedAt;

    public int Calls => Volatile.Read(ref calls);

    public string? CrashedAt => crashedAt;

    public IMessageQueue GetQueue(string name) => new Queue(this, inner.GetQueue(name));

    public IDataTable GetTable(string name) => new Table(this, inner.GetTable(name));

    public IBlobContainer GetContainer(string name) => new Container(this, inner.GetContainer(name));

    private async Task<T> Run<T>(string operation, string resource, Func<Task<T>> call, string detail = "")
    {
        if (crashedAt is not null)
        {
            throw new SimulatedCrashException($"dead since {crashedAt}");
        }

        int n = Interlocked.Increment(ref calls);
        var storageCall = new StorageCall(n, operation, resource, detail);
        if (beforeCall is not null)
        {
            await beforeCall(storageCall);
        }

        var point = decide(storageCall);
        if (point == CrashPoint.Before)
        {
            crashedAt = $"before #{n} {operation} {resource}";
            throw new SimulatedCrashException(crashedAt);
        }

        var result = await call();
        if (point == CrashPoint.After)
        {
            crashedAt = $"after #{n} {operation} {resource}";
            throw new SimulatedCrashException(crashedAt);
        }

        return result;
    }

    private Task Run(string operation, string resource, Func<Task> call) => Run(operation, resource, async () =>
    {
        await call();
        return true;
    });

    private sealed class Queue(FaultInjectingStorage f, IMessageQueue q) : IMessageQueue
    {
        public string Name => q.Name;

        public Task CreateIfNotExistsAsync(CancellationToken ct) => q.CreateIfNotExistsAsync(ct);

        public Task DeleteIfExistsAsync(CancellationToken ct) => q.DeleteIfExistsAsync(ct);

        public Task SendAsync(string body, TimeSpan delay, CancellationToken ct) => f.Run("Send", Name, () => q.SendAsync(body, delay, ct));

        // A held send is a send to the fault plans: crash points on "Send" hit it too.
        public Task<QueueMessage> SendHeldAsync(string body, TimeSpan visibility, CancellationToken ct) =>
            f.Run("Send", Name, () => q.SendHeldAsync(body, visibility, ct));

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken ct) =>
            f.Run("Receive", Name, () => q.ReceiveAsync(max, visibility, ct));

        public Task<QueueMessage> UpdateAsync(QueueMessage m, TimeSpan visibility, string? body, CancellationToken ct) =>
            f.Run("Update", Name, () => q.UpdateAsync(m, visibility, body, ct), FormattableString.Invariant($"visible in {visibility.TotalMilliseconds:0} ms{(body is null ? string.Empty : ", body rewritten")}"));

        public Task DeleteAsync(QueueMessage m, CancellationToken ct) => f.Run("Delete", Name, () => q.DeleteAsync(m, ct));

        public Task<int> GetApproximateCountAsync(CancellationToken ct) => q.GetApproximateCountAsync(ct);
    }

    private sealed class Table(FaultInjectingStorage f, IDataTable t) : IDataTable
    {
        public string Name => t.Name;

        public Task CreateIfNotExistsAsync(CancellationToken ct) => t.CreateIfNotExistsAsync(ct);

        public Task DeleteIfExistsAsync(CancellationToken ct) => t.DeleteIfExistsAsync(ct);

        public Task<TableRow?> GetAsync(string pk, string rk, CancellationToken ct) => f.Run("Get", Name, () => t.GetAsync(pk, rk, ct));

        public Task<TablePage> QueryAsync(TableQuery query, string? token, CancellationToken ct) => f.Run("Query", Name, () => t.QueryAsync(query, token, ct));

        public Task<IReadOnlyList<string>> ExecuteBatchAsync(IReadOnlyList<TableOperation> ops, CancellationToken ct) =>
            f.Run("Batch", Name, () => t.ExecuteBatchAsync(ops, ct), string.Join(",", ops.Select(o => o.Row.RowKey)));
    }

    private sealed class Container(FaultInjectingStorage f, IBlobContainer c) : IBlobContainer
    {
        public string Name => c.Name;

        public Task CreateIfNotExistsAsync(CancellationToken ct) => c.CreateIfNotExistsAsync(ct);

        public Task DeleteIfExistsAsync(CancellationToken ct) => c.DeleteIfExistsAsync(ct);

        public Task UploadAsync(string blobName, ReadOnlyMemory<byte> content, bool ifNoneMatch, CancellationToken ct) =>
            f.Run("Upload", Name, () => c.UploadAsync(blobName, content, ifNoneMatch, ct));

        public Task<byte[]?> DownloadAsync(string blobName, CancellationToken ct) => f.Run("Download", Name, () => c.DownloadAsync(blobName, ct));

        public Task DeleteAsync(string blobName, CancellationToken ct) => f.Run("DeleteBlob", Name, () => c.DeleteAsync(blobName, ct));

        public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (string name in c.ListAsync(prefix, ct))
            {
                yield return name;
            }
        }

        public Task<bool> TryAcquireLeaseAsync(string blobName, string leaseId, TimeSpan duration, CancellationToken ct) =>
            f.Run("Lease", Name, () => c.TryAcquireLeaseAsync(blobName, leaseId, duration, ct));

        public Task<bool> RenewLeaseAsync(string blobName, string leaseId, CancellationToken ct) =>
            f.Run("Renew", Name, () => c.RenewLeaseAsync(blobName, leaseId, ct));

        public Task ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken ct) => c.ReleaseLeaseAsync(blobName, leaseId, ct);
    }
}

/// <summary>A primitive call as the injector sees it.</summary>
internal sealed record StorageCall(int Number, string Operation, string Resource, string Detail);

/// <summary>Where to die relative to a call.</summary>
internal enum CrashPoint
{
    None,
    Before,
    After,
}
