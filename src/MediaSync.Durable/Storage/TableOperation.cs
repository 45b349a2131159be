namespace MediaSync.Durable.Storage;

/// <summary>One operation of an entity-group transaction.</summary>
internal sealed record TableOperation(TableOperationKind Kind, TableRow Row, string? IfMatch = null)
{
    /// <summary>Inserts; fails with a conflict when the row exists.</summary>
    public static TableOperation Insert(TableRow row) => new(TableOperationKind.Insert, row);

    /// <summary>Replaces the whole row when its ETag still equals <paramref name="etag"/>.</summary>
    public static TableOperation Replace(TableRow row, string etag) => new(TableOperationKind.Replace, row, etag);

    /// <summary>Inserts or replaces unconditionally.</summary>
    public static TableOperation Upsert(TableRow row) => new(TableOperationKind.UpsertReplace, row);

    /// <summary>Deletes; with an ETag only while it still matches, without one unconditionally (a missing row is then a no-op).</summary>
    public static TableOperation Delete(string partitionKey, string rowKey, string? etag = null) =>
        new(TableOperationKind.Delete, new TableRow(partitionKey, rowKey), etag);
}

/// <summary>What a <see cref="TableOperation"/> does.</summary>
internal enum TableOperationKind
{
    Insert,
    Replace,
    UpsertReplace,
    Delete,
}
