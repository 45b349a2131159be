using MediaSync.TestSupport;

namespace MediaSync.Durable.Tests.Conformance;

/// <summary>taskhub.json: hosts that disagree about a hub's fixed facts refuse to start.</summary>
public abstract partial class DurableConformanceTests
{
    [Fact]
    public async Task TaskHub_DifferentPartitionCount_RefusesToStart()
    {
        var storage = CreateStorage();
        string hub = UniqueNames.TaskHub();
        await using (await StartAsync(AddSteps, o => o.StorageProvider.PartitionCount = 4, storage, hub))
        {
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(AddSteps, o => o.StorageProvider.PartitionCount = 2, storage, hub));
        Assert.Contains("partitionCount = 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskHub_OtherApp_RefusesToStart()
    {
        var storage = CreateStorage();
        string hub = UniqueNames.TaskHub();
        await using (await StartAsync(AddSteps, o => o.AppName = "MediaSync", storage, hub))
        {
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(AddSteps, o => o.AppName = "SomeOtherApp", storage, hub));
        Assert.Contains("belongs to app 'MediaSync'", ex.Message, StringComparison.Ordinal);
    }
}
