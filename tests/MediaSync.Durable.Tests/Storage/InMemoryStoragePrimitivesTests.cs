using MediaSync.Durable.Storage;
using MediaSync.Durable.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace MediaSync.Durable.Tests.StorageBackends;

public sealed class InMemoryStoragePrimitivesTests : StoragePrimitivesConformanceTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStorageProvider provider;

    public InMemoryStoragePrimitivesTests() => provider = new InMemoryStorageProvider(time);

    private protected override IStorageProvider Provider => provider;

    protected override Task LetTimePassAsync(TimeSpan duration)
    {
        time.Advance(duration);
        return Task.CompletedTask;
    }
}
