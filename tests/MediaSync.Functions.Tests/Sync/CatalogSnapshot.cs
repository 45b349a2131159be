namespace MediaSync.Functions.Tests.Sync;

/// <summary>A source's catalog as keys: categories (<c>{kind}-{id}</c>), item ids per kind, episodes (<c>{seriesId}/{episodeId}</c>).</summary>
internal sealed record CatalogSnapshot(
    IReadOnlyList<string> Categories, IReadOnlyList<string> Live, IReadOnlyList<string> Vod, IReadOnlyList<string> Series, IReadOnlyList<string> Episodes)
{
    /// <summary>Asserts both hold exactly the same keys, each once.</summary>
    public void AssertSameAs(CatalogSnapshot expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        AssertSame(expected.Categories, Categories, "categories");
        AssertSame(expected.Live, Live, "live");
        AssertSame(expected.Vod, Vod, "vod");
        AssertSame(expected.Series, Series, "series");
        AssertSame(expected.Episodes, Episodes, "episodes");
    }

    private static void AssertSame(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string what)
    {
        Assert.True(actual.Distinct(StringComparer.Ordinal).Count() == actual.Count, $"{what}: a key is stored twice");
        Assert.True(
            expected.Order(StringComparer.Ordinal).SequenceEqual(actual.Order(StringComparer.Ordinal), StringComparer.Ordinal),
            $"{what}: expected {expected.Count}, stored {actual.Count}; missing [{string.Join(",", expected.Except(actual).Take(10))}], extra [{string.Join(",", actual.Except(expected).Take(10))}]");
    }
}
