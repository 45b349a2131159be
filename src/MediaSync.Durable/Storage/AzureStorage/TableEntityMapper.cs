using Azure;
using Azure.Data.Tables;

namespace MediaSync.Durable.Storage.AzureStorage;

/// <summary>Maps <see cref="TableRow"/> to and from the SDK's <see cref="TableEntity"/>.</summary>
internal static class TableEntityMapper
{
    private const string ETagKey = "odata.etag";

    public static TableEntity ToEntity(TableRow row, string tableName)
    {
        var entity = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (name, value) in row.Properties)
        {
            switch (value)
            {
                case null:
                    continue;
                case string or byte[] or long or int or double or bool:
                    entity[name] = value;
                    break;

                // Azure stores Edm.DateTime (UTC); the SDK writes a DateTimeOffset as that instant.
                case DateTimeOffset d:
                    entity[name] = d.ToUniversalTime();
                    break;
                case DateTime d:
                    entity[name] = new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc));
                    break;
                default:
                    throw new ArgumentException(
                        $"Property {name} of row ({row.PartitionKey}, {row.RowKey}) in table {tableName} is a {value.GetType().Name}; " +
                        "rows hold string, byte[], long, int, double, bool or DateTimeOffset.",
                        nameof(row));
            }
        }

        return entity;
    }

    public static TableRow ToRow(TableEntity entity)
    {
        var properties = new Dictionary<string, object?>(entity.Count, StringComparer.Ordinal);
        foreach (var (name, value) in entity)
        {
            if (value is null || name is "PartitionKey" or "RowKey" or "Timestamp" or ETagKey)
            {
                continue;
            }

            properties[name] = value switch
            {
                DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
                BinaryData b => b.ToArray(),
                Guid g => g.ToString(),
                _ => value,
            };
        }

        return new TableRow(entity.PartitionKey, entity.RowKey)
        {
            ETag = entity.ETag == default ? null : entity.ETag.ToString(),
            Timestamp = entity.Timestamp ?? default,
            Properties = properties,
        };
    }

    public static ETag ToETag(string? etag) => etag is null ? ETag.All : new ETag(etag);
}
