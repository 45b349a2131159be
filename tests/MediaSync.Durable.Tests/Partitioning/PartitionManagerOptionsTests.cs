using MediaSync.Durable.Partitioning;

namespace MediaSync.Durable.Tests.PartitionOwnership;

public sealed class PartitionManagerOptionsTests
{
    [Theory]
    [InlineData("hub", "worker/1")]
    [InlineData("hub", "")]
    [InlineData("1hub", "w")]
    [InlineData("h-b", "w")]
    public void Validate_BadHubOrWorkerId_ThrowsNamingTheValue(string hub, string worker)
    {
        var options = new PartitionManagerOptions { HubName = hub, WorkerId = worker };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(worker.Contains('/', StringComparison.Ordinal) || worker.Length == 0 ? $"'{worker}'" : $"'{hub}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RenewIntervalNotShorterThanLease_Throws()
    {
        var options = new PartitionManagerOptions { HubName = "hub", WorkerId = "w", LeaseDuration = TimeSpan.FromSeconds(15), RenewInterval = TimeSpan.FromSeconds(15) };

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void Defaults_MatchTheDesign()
    {
        var options = new PartitionManagerOptions { HubName = "MyHub", WorkerId = "w" };

        options.Validate();
        Assert.Equal(TimeSpan.FromSeconds(32), options.MaxProgressAge);
        Assert.Equal("MyHubWorkers", options.WorkersTableName);
        Assert.Equal("myhub-leases", options.LeasesContainerName);
        Assert.Equal("partition-03", PartitionManagerOptions.LeaseBlobName(3));
    }
}
