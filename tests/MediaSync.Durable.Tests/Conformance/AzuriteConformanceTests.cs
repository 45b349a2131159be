using MediaSync.Durable.Storage;
using MediaSync.Durable.Storage.AzureStorage;
using MediaSync.TestSupport;

namespace MediaSync.Durable.Tests.Conformance;

/// <summary>The conformance suite on Azure Storage, against Azurite.</summary>
public sealed class AzuriteConformanceTests(AzuriteFixture azurite) : DurableConformanceTests, IClassFixture<AzuriteFixture>
{
    private protected override IStorageProvider CreateStorage() => new AzureStorageProvider(azurite.ConnectionString);
}
