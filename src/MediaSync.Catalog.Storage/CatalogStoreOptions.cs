using System.ComponentModel.DataAnnotations;

namespace MediaSync.Catalog.Storage;

/// <summary>Options of the catalog store (<see cref="CatalogStoreServiceCollectionExtensions.AddCatalogStore"/>).</summary>
public sealed class CatalogStoreOptions
{
    /// <summary>
    /// Gets or sets the storage connection string. When <see langword="null"/>, the store uses the
    /// <see cref="Azure.Data.Tables.TableServiceClient"/> registered in the container.
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the prefix of every table name (letters and digits), so tests and apps can share an account.</summary>
    /// <value>Default empty.</value>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,40}$|^$")]
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>Gets or sets how many transactions one batch writer has in flight at once.</summary>
    /// <value>Default 8.</value>
    [Range(1, 64)]
    public int WriteConcurrency { get; set; } = 8;

    /// <summary>Gets or sets the most operations in one transaction (the service allows 100).</summary>
    /// <value>Default 100.</value>
    [Range(1, 100)]
    public int MaxBatchOperations { get; set; } = 100;

    /// <summary>Gets or sets the most estimated payload bytes in one transaction (the service allows 4 MiB).</summary>
    /// <value>Default 3,900,000, leaving room for the multipart envelope.</value>
    [Range(1_100_000, 4_000_000)]
    public int MaxBatchPayloadBytes { get; set; } = 3_900_000;

    /// <summary>
    /// Gets or sets how many rows one writer buffers across partitions before it submits the fullest
    /// partition early (at least <see cref="MaxBatchOperations"/> × <see cref="WriteConcurrency"/> are allowed).
    /// Rows spread over many partitions need room to fill whole transactions: on Azurite a transaction of
    /// 25 rows costs nearly as much as one of 100.
    /// </summary>
    /// <value>Default 2,000 (about 2 MB of typical catalog rows).</value>
    [Range(100, 100_000)]
    public int MaxBufferedRows { get; set; } = 2_000;

    /// <summary>Gets or sets how many attempts a transaction gets after a transient failure (408, 429, 5xx, timeout).</summary>
    /// <value>Default 5.</value>
    [Range(1, 20)]
    public int MaxTransactionAttempts { get; set; } = 5;

    /// <summary>Gets or sets the first back-off delay after a transient failure; it doubles on every attempt.</summary>
    /// <value>Default 200 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Gets or sets how many stored (row key, hash, run mark) entries one writer caches to skip unchanged rows;
    /// beyond it the oldest partitions are forgotten and queried again if they come back.
    /// </summary>
    /// <value>Default 200,000.</value>
    [Range(1_000, 10_000_000)]
    public int HashCacheCapacity { get; set; } = 200_000;

    /// <summary>Gets or sets the default page size of catalog queries.</summary>
    /// <value>Default 100.</value>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>Gets or sets how many row failures a write result lists in detail (all are counted).</summary>
    /// <value>Default 100.</value>
    [Range(0, 10_000)]
    public int MaxReportedFailures { get; set; } = 100;
}
