namespace MediaSync.Catalog.Storage.Tests;

public sealed class CatalogRowTests
{
    [Theory]
    [InlineData("ContentHash")]
    [InlineData("LastSeenRun")]
    [InlineData("PartitionKey")]
    [InlineData("has space")]
    [InlineData("1digit")]
    [InlineData("double__underscore")]
    public void Set_InvalidOrReservedName_ThrowsNamingTheProperty(string name)
    {
        var row = new CatalogRow("p", "r");

        var ex = Assert.Throws<ArgumentException>(() => row.Set(name, "x"));

        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_DateBefore1601_ThrowsOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CatalogRow("p", "r").Set("Aired", new DateTimeOffset(1500, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Hash_SameContentInAnyOrder_IsEqualAndChangesWithAValue()
    {
        var a = new CatalogRow("p", "r").Set("Title", "x").Set("Year", 2001L);
        var b = new CatalogRow("p", "other").Set("Year", 2001L).Set("Title", "x");
        var c = new CatalogRow("p", "r").Set("Title", "x").Set("Year", 2002L);

        Assert.Equal(ContentHasher.Hash(a), ContentHasher.Hash(b));
        Assert.NotEqual(ContentHasher.Hash(a), ContentHasher.Hash(c));
    }
}
