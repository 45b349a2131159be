using System.Globalization;
using System.Text;

namespace MediaSync.Durable.Engine;

/// <summary>The names of a task hub's queues, tables and containers, and the partition of an instance.</summary>
internal sealed class TaskHubLayout
{
    public TaskHubLayout(string hubName, int partitionCount)
    {
        HubName = hubName;
        PartitionCount = partitionCount;
        string lower = hubName.ToLowerInvariant();
        ControlQueues = Enumerable.Range(0, partitionCount)
            .Select(p => $"{lower}-control-{p.ToString("D2", CultureInfo.InvariantCulture)}")
            .ToArray();
        WorkItemQueue = $"{lower}-workitems";
        HistoryTable = $"{hubName}History";
        InstancesTable = $"{hubName}Instances";
        PoisonTable = $"{hubName}Poison";
        WorkersTable = $"{hubName}Workers";
        LeasesContainer = $"{lower}-leases";
        PayloadsContainer = $"{lower}-largemessages";
    }

    public string HubName { get; }

    public int PartitionCount { get; }

    public IReadOnlyList<string> ControlQueues { get; }

    public string WorkItemQueue { get; }

    public string HistoryTable { get; }

    public string InstancesTable { get; }

    public string PoisonTable { get; }

    public string WorkersTable { get; }

    public string LeasesContainer { get; }

    public string PayloadsContainer { get; }

    /// <summary>FNV-1a-32 of the UTF-8 instance id modulo the partition count — identical to DTFx, never string.GetHashCode.</summary>
    public int PartitionOf(string instanceId)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash ^= b;
            hash *= 16777619;
        }

        return (int)(hash % (uint)PartitionCount);
    }
}
