namespace MediaSync.Streams.Tests;

public sealed class SecretScrubberTests
{
    [Theory]
    [InlineData("http://panel.example:8080/live/alice/pa55/123.ts", "http://panel.example:8080/live/***/***/123.ts")]
    [InlineData("http://panel.example/series/alice/pa55/9001.mkv", "http://panel.example/series/***/***/9001.mkv")]
    [InlineData("http://panel.example/alice/pa55/123", "http://panel.example/***/***/123")]
    [InlineData("http://lb.example/stream/1.ts?token=abc123&x=1", "http://lb.example/stream/1.ts?token=***&x=1")]
    [InlineData("http://bob:hunter2@host.example/x.ts", "http://***:***@host.example/x.ts")]
    [InlineData("http://host.example/get.php?username=alice&password=pa55&type=m3u", "http://host.example/get.php?username=***&password=***&type=m3u")]
    public void Redact_CredentialsInUrl_AreMasked(string url, string expected) =>
        Assert.Equal(expected, SecretScrubber.Redact(new Uri(url)));

    [Fact]
    public void Scrub_ExceptionMessageEchoingTheUrl_MasksTheSecrets()
    {
        var url = new Uri("http://panel.example/live/alice/pa%2455/7.ts");

        string scrubbed = SecretScrubber.Scrub("GET http://panel.example/live/alice/pa$55/7.ts failed", url);

        Assert.DoesNotContain("pa$55", scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", scrubbed, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_UrlWithoutSecrets_IsUnchanged() =>
        Assert.Equal("http://cdn.example/hls/index.m3u8", SecretScrubber.Redact(new Uri("http://cdn.example/hls/index.m3u8")));
}
