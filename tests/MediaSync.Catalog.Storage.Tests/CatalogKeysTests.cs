namespace MediaSync.Catalog.Storage.Tests;

public sealed class CatalogKeysTests
{
    [Fact]
    public void ItemsPartition_SameItem_AlwaysSameBucketWithinRange()
    {
        string first = CatalogKeys.ItemsPartition("xt1", "vod", "4711", 16);

        Assert.Equal(first, CatalogKeys.ItemsPartition("xt1", "vod", "4711", 16));
        Assert.StartsWith("xt1-vod-", first, StringComparison.Ordinal);
        Assert.InRange(int.Parse(first["xt1-vod-".Length..], CultureInfo.InvariantCulture), 0, 15);
    }

    [Fact]
    public void EpisodeRow_Numbers_AreZeroPaddedSoKeysSortBySeasonAndEpisode()
    {
        Assert.Equal("002-0010-e9", CatalogKeys.EpisodeRow(2, 10, "e9"));
        Assert.True(string.CompareOrdinal(CatalogKeys.EpisodeRow(2, 9, "x"), CatalogKeys.EpisodeRow(2, 10, "x")) < 0);
    }

    [Theory]
    [InlineData("a-b")]
    [InlineData("")]
    [InlineData("bad/id")]
    public void ItemsPrefix_SourceIdWithSeparatorOrForbiddenCharacter_Throws(string sourceId)
    {
        var ex = Assert.Throws<ArgumentException>(() => CatalogKeys.ItemsPrefix(sourceId, "vod"));

        Assert.Contains("sourceId", ex.Message, StringComparison.Ordinal);
    }
}
