using System.Net;
using System.Text.Json;

namespace MediaSync.Sandbox.Tests;

public sealed class TmdbTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxHost Sandbox => fixture.Sandbox;

    [Fact]
    public async Task WatchProviders_Movie_ResultsKeyedByCountryWithoutEmptyLists()
    {
        using var http = new HttpClient { BaseAddress = Sandbox.TmdbUri };
        var countries = 0;

        for (var id = 1; id <= 10; id++)
        {
            var answer = await http.GetJsonAsync($"movie/{id}/watch/providers", r => SandboxClient.Tmdb(r, Sandbox));
            Assert.Equal(id, answer.GetProperty("id").GetInt32());
            foreach (var country in answer.GetProperty("results").EnumerateObject())
            {
                countries++;
                Assert.Equal(2, country.Name.Length);
                Assert.True(country.Value.TryGetProperty("link", out _));
                foreach (var list in country.Value.EnumerateObject().Where(p => p.Name != "link"))
                {
                    Assert.Contains(list.Name, new[] { "flatrate", "rent", "buy", "ads", "free" });
                    Assert.NotEqual(0, list.Value.GetArrayLength());
                    Assert.True(list.Value[0].TryGetProperty("provider_id", out _));
                }
            }
        }

        Assert.True(countries > 0);
    }

    [Fact]
    public async Task MovieDetails_AppendWatchProviders_SameProvidersUnderLiteralKey()
    {
        using var http = new HttpClient { BaseAddress = Sandbox.TmdbUri };

        var details = await http.GetJsonAsync("movie/7?append_to_response=watch/providers,external_ids", r => SandboxClient.Tmdb(r, Sandbox));
        var providers = await http.GetJsonAsync("movie/7/watch/providers", r => SandboxClient.Tmdb(r, Sandbox));

        Assert.Equal(7, details.GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.String, details.GetProperty("title").ValueKind);
        Assert.Equal(providers.GetProperty("results").GetRawText(), details.GetProperty("watch/providers").GetProperty("results").GetRawText());
        Assert.True(details.GetProperty("external_ids").TryGetProperty("imdb_id", out _));
    }

    [Fact]
    public async Task Errors_UnknownIdAndBadKey_TmdbStatusCodes()
    {
        using var http = new HttpClient { BaseAddress = Sandbox.TmdbUri };

        using var unknown = await http.GetAsync($"tv/{Sandbox.Catalog.Options.TmdbTitles + 1}/watch/providers?api_key={Sandbox.Options.TmdbToken}");
        using var badKey = await http.GetAsync("tv/1/watch/providers?api_key=wrong");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(34, JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("status_code").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, badKey.StatusCode);
        Assert.Equal(7, JsonDocument.Parse(await badKey.Content.ReadAsStringAsync()).RootElement.GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task RateLimit_Exceeded_429WithRetryAfterAndStatusCode25()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { TmdbRequestsPerSecond = 5 });
        using var http = new HttpClient { BaseAddress = sandbox.TmdbUri };

        var responses = await Task.WhenAll(Enumerable.Range(1, 30).Select(id => http.GetAsync($"movie/{id}/watch/providers?api_key={sandbox.Options.TmdbToken}")));

        var throttled = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(responses.Count(r => r.StatusCode == HttpStatusCode.OK), 5, 15);
        Assert.NotEmpty(throttled);
        Assert.NotNull(throttled[0].Headers.RetryAfter);
        Assert.Equal(25, JsonDocument.Parse(await throttled[0].Content.ReadAsStringAsync()).RootElement.GetProperty("status_code").GetInt32());
        Assert.Equal(30, sandbox.Counters.CallsStartingWith("tmdb:movie/watch/providers"));
    }
}
