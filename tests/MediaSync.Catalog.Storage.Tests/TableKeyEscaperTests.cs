namespace MediaSync.Catalog.Storage.Tests;

public sealed class TableKeyEscaperTests
{
    private static readonly char[] Forbidden = ['/', '\\', '#', '?'];

    [Theory]
    [InlineData("plain-key_123")]
    [InlineData("a/b\\c#d?e")]
    [InlineData("^already^5E^escaped")]
    [InlineData("tab\tnewline\ndel\u007fc1\u0085end\u009f")]
    [InlineData("émoji 😀 ünïcode")]
    [InlineData("")]
    public void Escape_AnyKey_RoundTripsWithoutForbiddenCharacters(string key)
    {
        string escaped = TableKeyEscaper.Escape(key);

        Assert.Equal(key, TableKeyEscaper.Unescape(escaped));
        Assert.DoesNotContain(escaped, c => Forbidden.Contains(c) || c <= '\u001f' || c is >= '\u007f' and <= '\u009f');
    }

    [Fact]
    public void Escape_PlainKey_IsUnchanged()
    {
        Assert.Equal("xtream1-vod-07", TableKeyEscaper.Escape("xtream1-vod-07"));
    }

    [Fact]
    public void Escape_KeyWithPrefix_PreservesTheEscapedPrefix()
    {
        string prefix = "src#1/vod?";
        string key = prefix + "12/34";

        Assert.StartsWith(TableKeyEscaper.Escape(prefix), TableKeyEscaper.Escape(key), StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_KeyTooLongOnceEscaped_ThrowsWithTheLimit()
    {
        // 200 slashes fit as characters but become 600 once escaped.
        var ex = Assert.Throws<ArgumentException>(() => TableKeyEscaper.Escape(new string('/', 200)));

        Assert.Contains("512", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc^")]
    [InlineData("abc^4")]
    [InlineData("abc^ZZdef")]
    public void Unescape_MalformedSequence_ThrowsFormatException(string escaped)
    {
        Assert.Throws<FormatException>(() => TableKeyEscaper.Unescape(escaped));
    }
}
