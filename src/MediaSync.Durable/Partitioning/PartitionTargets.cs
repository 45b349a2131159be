namespace MediaSync.Durable.Partitioning;

/// <summary>How many partitions each live worker should own.</summary>
internal static class PartitionTargets
{
    /// <summary>
    /// Remainder-aware shares: with workers sorted ordinally, each gets <c>N / W</c> and the first
    /// <c>N % W</c> one more, so the targets add up to exactly N (a <c>ceil</c> target would let
    /// early workers take everything and starve the last).
    /// </summary>
    public static Dictionary<string, int> Compute(IEnumerable<string> liveWorkers, int partitionCount)
    {
        var sorted = liveWorkers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var targets = new Dictionary<string, int>(sorted.Count, StringComparer.Ordinal);
        if (sorted.Count == 0)
        {
            return targets;
        }

        int share = partitionCount / sorted.Count, remainder = partitionCount % sorted.Count;
        for (int i = 0; i < sorted.Count; i++)
        {
            targets[sorted[i]] = share + (i < remainder ? 1 : 0);
        }

        return targets;
    }
}
