namespace MediaSync.Catalog.Storage;

/// <summary>
/// One generic catalog row: logical (unescaped) keys and typed properties. The store escapes keys,
/// adds its bookkeeping properties (content hash, run mark) and splits values over the service
/// limits; reading a row back reassembles them.
/// </summary>
/// <remarks>
/// Property values are <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>,
/// <see cref="DateTimeOffset"/> (UTC, not before 1601-01-01) or <see cref="byte"/> arrays. Names start
/// with a letter, hold letters, digits and single underscores, are at most
/// <see cref="MaxPropertyNameLength"/> characters and must not be one of the store's own names.
/// </remarks>
public sealed class CatalogRow
{
    /// <summary>The longest property name accepted (room is kept for the suffixes of split values).</summary>
    public const int MaxPropertyNameLength = 200;

    private static readonly DateTimeOffset MinDate = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SortedDictionary<string, object> properties = new(StringComparer.Ordinal);

    /// <summary>Creates a row.</summary>
    /// <param name="partitionKey">The logical partition key (escaped by the store).</param>
    /// <param name="rowKey">The logical row key (escaped by the store).</param>
    public CatalogRow(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>Gets the logical partition key.</summary>
    public string PartitionKey { get; }

    /// <summary>Gets the logical row key.</summary>
    public string RowKey { get; }

    /// <summary>Gets the properties, ordered by name (ordinal).</summary>
    public IReadOnlyDictionary<string, object> Properties => properties;

    /// <summary>Gets the content hash stored with the row; set on rows read from the store.</summary>
    public string? ContentHash { get; internal set; }

    /// <summary>Gets the id of the last run that saw the row; set on rows read from the store.</summary>
    public string? LastSeenRun { get; internal set; }

    /// <summary>Gets the properties dropped because the row exceeded the 1 MiB entity limit.</summary>
    public IReadOnlyList<string> TruncatedProperties { get; internal set; } = [];

    /// <summary>Gets when the service last changed the row; set on rows read from the store.</summary>
    public DateTimeOffset? Timestamp { get; internal set; }

    /// <summary>Sets a string property; <see langword="null"/> removes it.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This row.</returns>
    public CatalogRow Set(string name, string? value) => SetValue(name, value);

    /// <summary>Sets a 64-bit integer property.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This row.</returns>
    public CatalogRow Set(string name, long value) => SetValue(name, value);

    /// <summary>Sets a double property.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This row.</returns>
    public CatalogRow Set(string name, double value) => SetValue(name, value);

    /// <summary>Sets a Boolean property.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This row.</returns>
    public CatalogRow Set(string name, bool value) => SetValue(name, value);

    /// <summary>Sets a date property (stored in UTC).</summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value; not before 1601-01-01 UTC.</param>
    /// <returns>This row.</returns>
    public CatalogRow Set(string name, DateTimeOffset value)
    {
        if (value < MinDate)
        {
            throw new ArgumentOutOfRangeException(
                nameof(value), $"Property '{name}' of row '{RowKey}': Azure Tables stores dates from 1601-01-01 UTC, got {value:O}.");
        }

        return SetValue(name, value.ToUniversalTime());
    }

    /// <summary>Sets a binary property; <see langword="null"/> removes it.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This row.</returns>
    public CatalogRow Set(string name, byte[]? value) => SetValue(name, value);

    /// <summary>Gets a string property, or <see langword="null"/> when absent.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The value.</returns>
    public string? GetString(string name) => Get<string>(name);

    /// <summary>Gets a 64-bit integer property, or <see langword="null"/> when absent.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The value.</returns>
    public long? GetInt64(string name) => properties.TryGetValue(name, out object? v) ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Gets a double property, or <see langword="null"/> when absent.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The value.</returns>
    public double? GetDouble(string name) => properties.TryGetValue(name, out object? v) ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Gets a Boolean property, or <see langword="null"/> when absent.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The value.</returns>
    public bool? GetBoolean(string name) => properties.TryGetValue(name, out object? v) ? (bool)v : null;

    /// <summary>Gets a date property, or <see langword="null"/> when absent.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The value.</returns>
    public DateTimeOffset? GetDateTimeOffset(string name) => properties.TryGetValue(name, out object? v) ? (DateTimeOffset)v : null;

    /// <summary>Gets a binary property, or <see langword="null"/> when absent.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The value.</returns>
    public byte[]? GetBinary(string name) => Get<byte[]>(name);

    /// <summary>Checks a property name against the rules in the remarks of <see cref="CatalogRow"/>.</summary>
    internal static string? ValidatePropertyName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxPropertyNameLength)
        {
            return $"must be 1–{MaxPropertyNameLength} characters";
        }

        if (!char.IsAsciiLetter(name[0]))
        {
            return "must start with a letter";
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return "may hold only ASCII letters, digits and underscores";
            }
        }

        if (name.Contains("__", StringComparison.Ordinal))
        {
            return "must not contain '__' (reserved for split values)";
        }

        return RowEncoder.IsReservedName(name) ? "is reserved by the store" : null;
    }

    /// <summary>Sets a value read from storage, bypassing the checks made for callers.</summary>
    internal void SetStored(string name, object value) => properties[name] = value;

    private CatalogRow SetValue(string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        string? problem = ValidatePropertyName(name);
        if (problem is not null)
        {
            throw new ArgumentException($"Property name '{name}' of row '{RowKey}' {problem}.", nameof(name));
        }

        if (value is null)
        {
            properties.Remove(name);
        }
        else
        {
            properties[name] = value;
        }

        return this;
    }

    private T? Get<T>(string name)
        where T : class => properties.TryGetValue(name, out object? v) ? (T)v : null;
}
