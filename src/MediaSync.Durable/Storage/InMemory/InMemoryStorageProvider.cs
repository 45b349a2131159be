using System.Collections.Concurrent;

namespace MediaSync.Durable.Storage.InMemory;

/// <summary>
/// Queues, tables, blobs and leases in process memory with Azure's semantics (visibility, dequeue
/// counts, ETags, all-or-nothing transactions, lease expiry), driven by a <see cref="TimeProvider"/>
/// so tests can fake time. Several workers sharing one instance behave like hosts sharing a storage account.
/// </summary>
internal sealed class InMemoryStorageProvider(TimeProvider timeProvider) : IStorageProvider
{
    private readonly ConcurrentDictionary<string, InMemoryMessageQueue> queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InMemoryDataTable> tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, InMemoryBlobContainer> containers = new(StringComparer.Ordinal);

    public InMemoryStorageProvider()
        : this(TimeProvider.System)
    {
    }

    public TimeProvider TimeProvider { get; } = timeProvider;

    public IMessageQueue GetQueue(string name) => queues.GetOrAdd(name, n => new InMemoryMessageQueue(n, TimeProvider));

    public IDataTable GetTable(string name) => tables.GetOrAdd(name, n => new InMemoryDataTable(n, TimeProvider));

    public IBlobContainer GetContainer(string name) => containers.GetOrAdd(name, n => new InMemoryBlobContainer(n, TimeProvider));
}
