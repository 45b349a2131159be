using MediaSync.Catalog.Providers;

namespace MediaSync.Catalog.Tests.Providers;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("http://h/player_api.php?username=bob&password=pw123&action=x", "http://h/player_api.php?username=***&password=***&action=x")]
    [InlineData("http://h/live/bob/pw123/101.ts", "http://h/live/***/***/101.ts")]
    [InlineData("http://h/base/movie/bob/pw123/5.mkv", "http://h/base/movie/***/***/5.mkv")]
    [InlineData("http://h/series/bob/pw123/9.mp4?token=abc", "http://h/series/***/***/9.mp4?token=***")]
    [InlineData("GET http://h/live/bob/pw123/101 failed", "GET http://h/live/***/***/101 failed")]
    [InlineData("http://h/timeshift/bob/pw123/60/2024-05-01:20-00/101.ts", "http://h/timeshift/***/***/60/2024-05-01:20-00/101.ts")]
    [InlineData("https://api.themoviedb.org/3/movie/550/watch/providers", "https://api.themoviedb.org/3/movie/550/watch/providers")]
    [InlineData("https://api.themoviedb.org/3/movie/5?api_key=k3y&language=de", "https://api.themoviedb.org/3/movie/5?api_key=***&language=de")]
    [InlineData("http://plex:32400/x?X-Plex-Token=tok", "http://plex:32400/x?X-Plex-Token=***")]
    [InlineData("http://jf/Items?api_key=tok&x=1&X-Emby-Token=t2", "http://jf/Items?api_key=***&x=1&X-Emby-Token=***")]
    [InlineData("Authorization: Bearer eyJhbGciOi.payload.sig", "Authorization: Bearer ***")]
    [InlineData("MediaBrowser Token=\"abc123\", Client=\"x\"", "MediaBrowser Token=\"***\", Client=\"x\"")]
    public void Redact_KnownSecretShapes_AreMasked(string input, string expected) =>
        Assert.Equal(expected, SecretRedactor.Redact(input));

    [Fact]
    public void Redact_LiteralSecrets_MaskedPlainAndUrlEncoded()
    {
        string text = SecretRedactor.Redact("short form http://h/bob.smith/p%40ss%2Fw/101 or p@ss/w", ["bob.smith", "p@ss/w"]);

        Assert.Equal("short form http://h/***/***/101 or ***", text);
    }
}
