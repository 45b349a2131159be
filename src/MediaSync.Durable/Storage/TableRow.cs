namespace MediaSync.Durable.Storage;

/// <summary>
/// A table row. Property values are string, byte[], long, int, double, bool or DateTimeOffset;
/// null values are omitted when written.
/// </summary>
internal sealed class TableRow(string partitionKey, string rowKey)
{
    public string PartitionKey { get; } = partitionKey;

    public string RowKey { get; } = rowKey;

    /// <summary>The ETag read with the row; null for a row built locally.</summary>
    public string? ETag { get; init; }

    /// <summary>The server's last-modified time (Azure's Timestamp).</summary>
    public DateTimeOffset Timestamp { get; init; }

    public Dictionary<string, object?> Properties { get; init; } = new(StringComparer.Ordinal);

    public object? this[string name]
    {
        get => Properties.GetValueOrDefault(name);
        set => Properties[name] = value;
    }

    public string? GetString(string name) => Properties.GetValueOrDefault(name) as string;

    public long? GetInt64(string name) => Properties.GetValueOrDefault(name) switch
    {
        long l => l,
        int i => i,
        _ => null,
    };

    public DateTimeOffset? GetDateTimeOffset(string name) => Properties.GetValueOrDefault(name) switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => null,
    };

    public byte[]? GetBinary(string name) => Properties.GetValueOrDefault(name) as byte[];
}
