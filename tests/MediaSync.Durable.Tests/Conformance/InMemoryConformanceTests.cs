using MediaSync.Durable.Storage;
using MediaSync.Durable.Storage.InMemory;

namespace MediaSync.Durable.Tests.Conformance;

/// <summary>The conformance suite on the in-memory backend.</summary>
public sealed class InMemoryConformanceTests : DurableConformanceTests
{
    private protected override IStorageProvider CreateStorage() => new InMemoryStorageProvider();
}
