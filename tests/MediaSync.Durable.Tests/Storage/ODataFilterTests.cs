using MediaSync.Durable.Storage;
using MediaSync.Durable.Storage.AzureStorage;

namespace MediaSync.Durable.Tests.StorageBackends;

public sealed class ODataFilterTests
{
    [Fact]
    public void For_PrefixRowKeyAndConditions_BuildsEscapedTypedFilter()
    {
        var query = new TableQuery
        {
            PartitionKeyPrefix = "o'b",
            RowKeyFrom = "p0000000001",
            Conditions =
            [
                new TableCondition("Status", TableComparison.Equal, "x") { AnyOf = ["Running", "It's"] },
                new TableCondition("CreatedAt", TableComparison.LessThan, new DateTimeOffset(2026, 1, 1, 2, 0, 0, 123, TimeSpan.FromHours(2))),
                new TableCondition("CommitSeq", TableComparison.GreaterThanOrEqual, 5L),
            ],
        };

        string? filter = ODataFilter.For(query, out bool canMatch);

        Assert.True(canMatch);
        Assert.Equal(
            "PartitionKey ge 'o''b' and PartitionKey lt 'o''c' and RowKey ge 'p0000000001' and (Status eq 'Running' or Status eq 'It''s') " +
            "and CreatedAt lt datetime'2026-01-01T00:00:00.123Z' and CommitSeq ge 5L",
            filter);
    }

    [Theory]
    [InlineData("ab", "ac")]
    [InlineData("a\uffff", "b")]
    [InlineData("\uffff", null)]
    public void UpperBound_IsTheSmallestStringAfterEveryKeyWithThePrefix(string prefix, string? expected)
    {
        Assert.Equal(expected, ODataFilter.UpperBound(prefix));
    }

    [Fact]
    public void For_EmptyQuery_HasNoFilter()
    {
        Assert.Null(ODataFilter.For(new TableQuery(), out bool canMatch));
        Assert.True(canMatch);
    }

    [Theory]
    [InlineData("Status eq 'x' or true")]
    [InlineData("")]
    [InlineData("1abc")]
    public void For_PropertyNameThatIsNotAnIdentifier_ThrowsNamingIt(string property)
    {
        var query = new TableQuery { Conditions = [new TableCondition(property, TableComparison.Equal, "v")] };

        var ex = Assert.Throws<ArgumentException>(() => ODataFilter.For(query, out _));

        Assert.Contains($"'{property}'", ex.Message, StringComparison.Ordinal);
    }
}
