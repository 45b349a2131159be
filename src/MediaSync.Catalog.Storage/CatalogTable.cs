namespace MediaSync.Catalog.Storage;

/// <summary>The catalog's tables (see architecture.md, "Catalog tables"); the store prefixes their names.</summary>
public enum CatalogTable
{
    /// <summary>Configured sources: PartitionKey <c>source</c>, RowKey the source id.</summary>
    Sources,

    /// <summary>Categories: PartitionKey the source id, RowKey <c>{kind}-{categoryId}</c>.</summary>
    Categories,

    /// <summary>Live channels, movies, series and shows: PartitionKey <c>{sourceId}-{kind}-{bucket}</c>.</summary>
    Items,

    /// <summary>Episodes: PartitionKey <c>{sourceId}-{seriesId}</c>, RowKey <c>{season:D3}-{episode:D4}-{id}</c>.</summary>
    Episodes,

    /// <summary>TMDb watch providers: PartitionKey <c>tmdb-{movie|tv}</c>, RowKey the TMDb id.</summary>
    Providers,

    /// <summary>Stream probe results: PartitionKey the account id, RowKey the stream id.</summary>
    StreamHealth,

    /// <summary>Sync runs and their unit checkpoints: PartitionKey the source id.</summary>
    SyncRuns,

    /// <summary>The store's ledger of rows each run saw unchanged (read by the sweep): PartitionKey the run id.</summary>
    SyncSeen,
}
