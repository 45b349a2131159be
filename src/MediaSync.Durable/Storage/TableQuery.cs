namespace MediaSync.Durable.Storage;

/// <summary>
/// A table query both backends can run: an optional exact partition, a partition-key prefix (a
/// range scan), a row-key lower bound and equality/range conditions on properties.
/// </summary>
internal sealed record TableQuery
{
    public string? PartitionKey { get; init; }

    public string? PartitionKeyPrefix { get; init; }

    /// <summary>Only rows whose RowKey is ≥ this (ordinal).</summary>
    public string? RowKeyFrom { get; init; }

    public IReadOnlyList<TableCondition> Conditions { get; init; } = [];

    /// <summary>Rows per page (≤ 1,000).</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>Properties to return; null for all.</summary>
    public IReadOnlyList<string>? Select { get; init; }
}

/// <summary>A condition on one property. Several conditions on one property name combine with OR when <see cref="AnyOf"/> is set.</summary>
internal sealed record TableCondition(string Property, TableComparison Comparison, object Value)
{
    /// <summary>Alternatives: the condition holds when the property equals any of these values.</summary>
    public IReadOnlyList<object>? AnyOf { get; init; }
}

/// <summary>Comparison of a <see cref="TableCondition"/>.</summary>
internal enum TableComparison
{
    Equal,
    GreaterThanOrEqual,
    LessThanOrEqual,
    LessThan,
}

/// <summary>One page of a query and the token for the next (null when done).</summary>
internal sealed record TablePage(IReadOnlyList<TableRow> Rows, string? ContinuationToken);
