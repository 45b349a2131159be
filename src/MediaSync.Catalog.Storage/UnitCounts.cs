namespace MediaSync.Catalog.Storage;

/// <summary>Row counts of a unit of work (or a whole run).</summary>
/// <param name="Written">Rows written.</param>
/// <param name="Skipped">Rows unchanged.</param>
/// <param name="Failed">Rows that could not be stored.</param>
public sealed record UnitCounts(long Written, long Skipped, long Failed)
{
    /// <summary>Gets no rows at all.</summary>
    public static UnitCounts None { get; } = new(0, 0, 0);

    /// <summary>The counts of a batch write.</summary>
    /// <param name="result">The batch writer's result.</param>
    /// <returns>The counts.</returns>
    public static UnitCounts From(BatchWriteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Written, result.Skipped, result.Failed);
    }

    /// <summary>Adds two sets of counts.</summary>
    /// <param name="other">The counts to add.</param>
    /// <returns>The sums.</returns>
    public UnitCounts Add(UnitCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Written + other.Written, Skipped + other.Skipped, Failed + other.Failed);
    }
}
