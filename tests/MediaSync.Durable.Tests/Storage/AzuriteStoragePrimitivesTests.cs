using MediaSync.Durable.Storage;
using MediaSync.Durable.Storage.AzureStorage;
using MediaSync.TestSupport;

namespace MediaSync.Durable.Tests.StorageBackends;

public sealed class AzuriteStoragePrimitivesTests(AzuriteFixture azurite) : StoragePrimitivesConformanceTests, IClassFixture<AzuriteFixture>
{
    private readonly AzureStorageProvider provider = new(azurite.ConnectionString);

    private protected override IStorageProvider Provider => provider;

    // Queue visibility and lease expiry run on the emulator's clock, so real time has to pass.
    protected override Task LetTimePassAsync(TimeSpan duration) => Task.Delay(duration, TimeProvider.System);
}
