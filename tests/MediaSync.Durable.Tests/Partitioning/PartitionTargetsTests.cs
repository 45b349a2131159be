using MediaSync.Durable.Partitioning;

namespace MediaSync.Durable.Tests.PartitionOwnership;

public sealed class PartitionTargetsTests
{
    [Theory]
    [InlineData(4, new[] { "c", "a", "b" }, new[] { 2, 1, 1 })]
    [InlineData(5, new[] { "b", "a", "c" }, new[] { 2, 2, 1 })]
    [InlineData(4, new[] { "a", "b", "c", "d", "e", "f" }, new[] { 1, 1, 1, 1, 0, 0 })]
    [InlineData(16, new[] { "w1", "w2", "w3", "w4", "w5" }, new[] { 4, 3, 3, 3, 3 })]
    public void Compute_SortedWorkers_FirstRemainderGetOneMoreAndTargetsSumToN(int partitions, string[] workers, int[] expectedInSortedOrder)
    {
        var targets = PartitionTargets.Compute(workers, partitions);

        Assert.Equal(expectedInSortedOrder, workers.Order(StringComparer.Ordinal).Select(w => targets[w]));
        Assert.Equal(partitions, targets.Values.Sum());
    }
}
