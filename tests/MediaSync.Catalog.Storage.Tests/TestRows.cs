using System.Runtime.CompilerServices;

namespace MediaSync.Catalog.Storage.Tests;

/// <summary>Row builders shared by the tests.</summary>
internal static class TestRows
{
    public static CatalogRow Item(string sourceId, string kind, int id, string title = "Title", int buckets = 3) =>
        new CatalogRow(CatalogKeys.ItemsPartition(sourceId, kind, id.ToString(CultureInfo.InvariantCulture), buckets), id.ToString("D6", CultureInfo.InvariantCulture))
            .Set("Title", $"{title} {id}")
            .Set("Year", 1990L + (id % 30))
            .Set("Rating", id / 10.0)
            .Set("Adult", id % 7 == 0)
            .Set("Added", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(id));

    public static IEnumerable<CatalogRow> Items(string sourceId, string kind, int count, string title = "Title") =>
        Enumerable.Range(1, count).Select(i => Item(sourceId, kind, i, title));

    public static async IAsyncEnumerable<CatalogRow> Stream(IEnumerable<CatalogRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return row;
        }
    }
}
