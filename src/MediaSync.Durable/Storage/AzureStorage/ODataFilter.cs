using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace MediaSync.Durable.Storage.AzureStorage;

/// <summary>Translates a <see cref="TableQuery"/> into an Azure Table OData filter.</summary>
internal static class ODataFilter
{
    /// <summary>
    /// The filter for <paramref name="query"/>, null when it matches every row. Returns false in
    /// <paramref name="canMatch"/> when the query can match nothing (an empty AnyOf), so no request is needed.
    /// </summary>
    public static string? For(TableQuery query, out bool canMatch)
    {
        ArgumentNullException.ThrowIfNull(query);
        canMatch = true;
        var clauses = new List<string>();
        if (query.PartitionKey is not null)
        {
            clauses.Add(Compare("PartitionKey", "eq", query.PartitionKey));
        }

        if (!string.IsNullOrEmpty(query.PartitionKeyPrefix))
        {
            clauses.Add(Compare("PartitionKey", "ge", query.PartitionKeyPrefix));
            if (UpperBound(query.PartitionKeyPrefix) is { } upper)
            {
                clauses.Add(Compare("PartitionKey", "lt", upper));
            }
        }

        if (query.RowKeyFrom is not null)
        {
            clauses.Add(Compare("RowKey", "ge", query.RowKeyFrom));
        }

        foreach (var condition in query.Conditions)
        {
            CheckPropertyName(condition.Property);
            if (condition.AnyOf is { } alternatives)
            {
                if (alternatives.Count == 0)
                {
                    canMatch = false;
                    return null;
                }

                clauses.Add("(" + string.Join(" or ", alternatives.Select(a => Compare(condition.Property, "eq", a))) + ")");
                continue;
            }

            string op = condition.Comparison switch
            {
                TableComparison.Equal => "eq",
                TableComparison.GreaterThanOrEqual => "ge",
                TableComparison.LessThanOrEqual => "le",
                TableComparison.LessThan => "lt",
                _ => throw new ArgumentException($"Unknown comparison {condition.Comparison} on property {condition.Property}.", nameof(query)),
            };
            clauses.Add(Compare(condition.Property, op, condition.Value));
        }

        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }

    /// <summary>
    /// The smallest string greater than every string starting with <paramref name="prefix"/>: the prefix
    /// with its last character incremented (trailing U+FFFF dropped first); null when there is none.
    /// </summary>
    internal static string? UpperBound(string prefix)
    {
        string trimmed = prefix.TrimEnd('\uffff');
        return trimmed.Length == 0 ? null : string.Concat(trimmed.AsSpan(0, trimmed.Length - 1), ((char)(trimmed[^1] + 1)).ToString());
    }

    // CreateQueryFilter escapes quotes and formats each value in its Edm type (123L, datetime'…', X'…').
    private static string Compare(string property, string op, object value) => value switch
    {
        string or long or int or double or bool or byte[] or Guid => TableClient.CreateQueryFilter(FormattableStringFactory.Create(property + " " + op + " {0}", value)),
        DateTimeOffset d => TableClient.CreateQueryFilter(FormattableStringFactory.Create(property + " " + op + " {0}", d.ToUniversalTime())),
        DateTime d => TableClient.CreateQueryFilter(FormattableStringFactory.Create(property + " " + op + " {0}", new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)))),
        null => throw new ArgumentException($"The condition on {property} has no value.", nameof(value)),
        _ => throw new ArgumentException($"The condition on {property} has a value of type {value.GetType().Name}; tables filter on string, long, int, double, bool, byte[] and DateTimeOffset.", nameof(value)),
    };

    // Property names go into the filter verbatim, so only identifier characters are accepted.
    private static void CheckPropertyName(string name)
    {
        if (string.IsNullOrEmpty(name) || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{name}' is not a valid table property name for a query condition.", nameof(name));
        }
    }
}
