using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace MediaSync.Catalog.Storage;

/// <summary>
/// Maps <see cref="CatalogRow"/> to table entities and back. Values over the 64 KiB property limit are
/// split over numbered properties (<c>{name}__0</c>, <c>{name}__1</c>, …) listed in <c>SplitLayout</c>;
/// rows over the 1 MiB entity limit lose their largest properties, listed in <c>TruncatedProperties</c>.
/// </summary>
/// <remarks>
/// Writes to existing rows are merges, so parts of an older, longer value can linger; <c>SplitLayout</c> is
/// written on every merge (empty when nothing is split) and is the only thing the reader trusts, which makes
/// stale parts harmless. A row new to its partition is replaced and carries the markers only when not empty.
/// </remarks>
internal static class RowEncoder
{
    public const string ContentHashProperty = "ContentHash";
    public const string LastSeenRunProperty = "LastSeenRun";
    public const string SplitLayoutProperty = "SplitLayout";
    public const string TruncatedProperty = "TruncatedProperties";

    /// <summary>32 K UTF-16 characters: the 64 KiB string limit.</summary>
    public const int MaxStringChars = 32 * 1024;

    /// <summary>The 64 KiB binary limit.</summary>
    public const int MaxBinaryBytes = 64 * 1024;

    /// <summary>Our share of the 255 properties (PartitionKey, RowKey and Timestamp take three).</summary>
    public const int MaxProperties = 252;

    /// <summary>Below the 1 MiB entity limit, with room for the service's own accounting.</summary>
    public const int MaxEntityBytes = 1_000_000;

    private const string PartSeparator = "__";

    /// <summary>The payload of the two markers as empty strings, counted whether or not the row is merged.</summary>
    private static readonly int MarkerBytes = SplitLayoutProperty.Length + TruncatedProperty.Length + (2 * (8 + 2));

    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "PartitionKey", "RowKey", "Timestamp", "ETag", "odata",
        ContentHashProperty, LastSeenRunProperty, SplitLayoutProperty, TruncatedProperty,
    };

    public static bool IsReservedName(string name) => ReservedNames.Contains(name);

    /// <summary>Encodes a row, or returns why it cannot be stored.</summary>
    public static EncodedRow Encode(CatalogRow row, string runId)
    {
        string pk = TableKeyEscaper.Escape(row.PartitionKey);
        string rk = TableKeyEscaper.Escape(row.RowKey);
        string hash = ContentHasher.Hash(row);

        var stored = new List<(string Name, object Value, int Size)>(row.Properties.Count);
        var layout = new StringBuilder();
        foreach (var (name, value) in row.Properties)
        {
            int count = AddSplit(stored, name, value);
            if (count > 1)
            {
                layout.Append(CultureInfo.InvariantCulture, $"{(layout.Length > 0 ? ";" : string.Empty)}{name}:{count}");
            }
        }

        int fixedBytes = 4 + ((pk.Length + rk.Length) * 2) + 4
            + PropertySize(ContentHashProperty, hash) + PropertySize(LastSeenRunProperty, runId)
            + PropertySize(SplitLayoutProperty, layout.ToString()) + PropertySize(TruncatedProperty, string.Empty);
        List<string> truncated = Truncate(stored, fixedBytes, ref layout);

        if (stored.Count + 4 > MaxProperties)
        {
            throw new ArgumentException(
                $"Row '{row.RowKey}' needs {stored.Count + 4} properties once long values are split; Azure Tables allows {MaxProperties}.");
        }

        var entity = new TableEntity(pk, rk)
        {
            [ContentHashProperty] = hash,
            [LastSeenRunProperty] = runId,
        };

        // Empty markers are added only for a merge (ClearStaleMarkers): a row new to its partition is
        // replaced, has nothing that could linger, and each property costs the SDK and Azurite time.
        if (layout.Length > 0)
        {
            entity[SplitLayoutProperty] = layout.ToString();
        }

        if (truncated.Count > 0)
        {
            entity[TruncatedProperty] = string.Join(',', truncated);
        }

        int payload = 256 + JsonSize(pk) + JsonSize(rk) + MarkerBytes;
        foreach (var (name, value, _) in stored)
        {
            entity[name] = value;
        }

        foreach (var (name, value) in entity)
        {
            payload += name.Length + 8 + JsonSize(value);
        }

        return new EncodedRow(row.RowKey, entity, hash, payload);
    }

    /// <summary>
    /// Prepares an encoded entity for a merge: an empty <c>SplitLayout</c> and <c>TruncatedProperties</c>
    /// overwrite the ones an older version of the row may have stored. Idempotent.
    /// </summary>
    public static TableEntity ClearStaleMarkers(TableEntity entity)
    {
        entity.TryAdd(SplitLayoutProperty, string.Empty);
        entity.TryAdd(TruncatedProperty, string.Empty);
        return entity;
    }

    /// <summary>Rebuilds the caller's row from a stored entity.</summary>
    public static CatalogRow Decode(TableEntity entity)
    {
        var row = new CatalogRow(TableKeyEscaper.Unescape(entity.PartitionKey), TableKeyEscaper.Unescape(entity.RowKey))
        {
            ContentHash = entity.GetString(ContentHashProperty),
            LastSeenRun = entity.GetString(LastSeenRunProperty),
            Timestamp = entity.Timestamp,
        };
        string truncated = entity.GetString(TruncatedProperty) ?? string.Empty;
        row.TruncatedProperties = truncated.Length == 0 ? [] : truncated.Split(',');

        var split = ParseLayout(entity.GetString(SplitLayoutProperty));
        foreach (var (name, value) in entity)
        {
            if (value is null || ReservedNames.Contains(name) || name.Contains('.', StringComparison.Ordinal) ||
                name.Contains(PartSeparator, StringComparison.Ordinal) || split.ContainsKey(name))
            {
                continue;
            }

            row.SetStored(name, Normalize(value));
        }

        foreach (var (name, count) in split)
        {
            row.SetStored(name, Reassemble(entity, name, count));
        }

        return row;
    }

    private static int AddSplit(List<(string Name, object Value, int Size)> stored, string name, object value)
    {
        switch (value)
        {
            case string s when s.Length > MaxStringChars:
                int part = 0;
                for (int start = 0; start < s.Length; part++)
                {
                    int length = Math.Min(MaxStringChars, s.Length - start);

                    // Never cut a surrogate pair in two: each half alone is not valid UTF-16.
                    if (start + length < s.Length && char.IsHighSurrogate(s[start + length - 1]))
                    {
                        length--;
                    }

                    string chunk = s.Substring(start, length);
                    stored.Add((PartName(name, part), chunk, PropertySize(PartName(name, part), chunk)));
                    start += length;
                }

                return part;
            case byte[] b when b.Length > MaxBinaryBytes:
                int parts = 0;
                for (int start = 0; start < b.Length; start += MaxBinaryBytes, parts++)
                {
                    byte[] chunk = b.AsSpan(start, Math.Min(MaxBinaryBytes, b.Length - start)).ToArray();
                    stored.Add((PartName(name, parts), chunk, PropertySize(PartName(name, parts), chunk)));
                }

                return parts;
            default:
                stored.Add((name, value, PropertySize(name, value)));
                return 1;
        }
    }

    private static List<string> Truncate(List<(string Name, object Value, int Size)> stored, int fixedBytes, ref StringBuilder layout)
    {
        var truncated = new List<string>();
        int total = fixedBytes + stored.Sum(p => p.Size);
        while (total > MaxEntityBytes && stored.Count > 0)
        {
            // Drop the largest logical property (all its parts): one missing field, flagged, beats a failed row.
            var bySize = stored.GroupBy(p => LogicalName(p.Name)).OrderByDescending(g => g.Sum(p => p.Size)).First();
            string victim = bySize.Key;
            total -= bySize.Sum(p => p.Size);
            stored.RemoveAll(p => LogicalName(p.Name) == victim);
            truncated.Add(victim);
            total += (victim.Length * 2) + 2;
        }

        if (truncated.Count > 0)
        {
            var kept = ParseLayout(layout.ToString()).Where(e => !truncated.Contains(e.Key));
            layout = new StringBuilder(string.Join(';', kept.Select(e => $"{e.Key}:{e.Value.ToString(CultureInfo.InvariantCulture)}")));
        }

        return truncated;
    }

    private static object Reassemble(TableEntity entity, string name, int count)
    {
        if (entity.TryGetValue(PartName(name, 0), out object? first) && first is byte[])
        {
            using var buffer = new MemoryStream();
            for (int i = 0; i < count; i++)
            {
                buffer.Write(entity.GetBinary(PartName(name, i)) ?? throw MissingPart(entity, name, i));
            }

            return buffer.ToArray();
        }

        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Append(entity.GetString(PartName(name, i)) ?? throw MissingPart(entity, name, i));
        }

        return text.ToString();
    }

    private static InvalidDataException MissingPart(TableEntity entity, string name, int part) =>
        new($"Row '{entity.PartitionKey}/{entity.RowKey}': part {part} of split property '{name}' is missing.");

    private static Dictionary<string, int> ParseLayout(string? layout)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(layout))
        {
            return result;
        }

        foreach (string entry in layout.Split(';'))
        {
            int colon = entry.LastIndexOf(':');
            result[entry[..colon]] = int.Parse(entry.AsSpan(colon + 1), CultureInfo.InvariantCulture);
        }

        return result;
    }

    private static string PartName(string name, int part) => string.Create(CultureInfo.InvariantCulture, $"{name}{PartSeparator}{part}");

    private static string LogicalName(string storedName)
    {
        int separator = storedName.IndexOf(PartSeparator, StringComparison.Ordinal);
        return separator < 0 ? storedName : storedName[..separator];
    }

    private static object Normalize(object value) => value switch
    {
        int i => (long)i,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        BinaryData b => b.ToArray(),
        _ => value,
    };

    /// <summary>The service's size accounting: 8 bytes + the UTF-16 name + the value.</summary>
    private static int PropertySize(string name, object value) => 8 + (name.Length * 2) + 2 + value switch
    {
        string s => (s.Length * 2) + 4,
        byte[] b => b.Length + 4,
        bool => 1,
        _ => 8,
    };

    /// <summary>
    /// The JSON size of a value in a transaction body. The SDK's writer escapes every non-ASCII
    /// character as <c>\uXXXX</c>, so those count 6 bytes; binary is Base64 plus a type annotation.
    /// </summary>
    private static int JsonSize(object? value)
    {
        switch (value)
        {
            case string s:
                int size = 2;
                foreach (char c in s)
                {
                    size += c is >= ' ' and < '\u007F' and not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`') ? 1 : 6;
                }

                return size;
            case byte[] b:
                return (((b.Length + 2) / 3) * 4) + 48;
            default:
                return 48;
        }
    }
}
