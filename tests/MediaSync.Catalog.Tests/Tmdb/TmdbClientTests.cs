using System.Net;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Tests.Support;
using MediaSync.Catalog.Tmdb;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Catalog.Tests.Tmdb;

public sealed class TmdbClientTests
{
    private const string ReadToken = "eyJhbGciOiJIUzI1NiJ9.tmdb-read-token.sig";
    private const string ApiKey = "tmdb-v3-key-abc";

    private const string Details = """
        {"id":550,"title":"Fight Club","original_title":"Fight Club","release_date":"1999-10-15","poster_path":"/p.jpg","vote_average":8.4,"imdb_id":"tt0137523",
         "external_ids":{"imdb_id":"tt0137523"},
         "watch/providers":{"results":{
            "US":{"link":"https://www.themoviedb.org/movie/550/watch?locale=US","flatrate":[{"logo_path":"/n.jpg","provider_id":8,"provider_name":"Netflix","display_priority":1}],
                  "rent":[{"logo_path":"/a.jpg","provider_id":2,"provider_name":"Apple TV","display_priority":3},{"provider_id":3,"provider_name":"Google Play"}]},
            "DE":{"link":"https://www.themoviedb.org/movie/550/watch?locale=DE","buy":[{"provider_id":10,"provider_name":"Amazon Video","display_priority":"5"}]}}}}
        """;

    private static TmdbClient CreateSut(Uri baseUrl, bool useApiKey = false)
    {
        var options = new TmdbClientOptions
        {
            BaseUrl = new Uri(baseUrl, "3"),
            ReadAccessToken = useApiKey ? null : ReadToken,
            ApiKey = useApiKey ? ApiKey : null,
            Resilience = TestClients.FastResilience(o => o.RequestsPerSecond = 40),
        };
        return new TmdbClient(TestClients.Http(options.Resilience), options);
    }

    [Fact]
    public async Task GetDetailsWithWatchProvidersAsync_OneCall_UsesAppendToResponse()
    {
        await using RecordingServer server = await RecordingServer.StartAsync(Details);
        TmdbClient sut = CreateSut(server.BaseUrl);

        TmdbTitleDetails? details = await sut.GetDetailsWithWatchProvidersAsync(TmdbMediaType.Movie, 550);

        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal("/3/movie/550", request.Path);
        Assert.Contains("append_to_response=watch/providers", Uri.UnescapeDataString(request.Query), StringComparison.Ordinal);
        Assert.Equal($"Bearer {ReadToken}", request.Header("Authorization"));
        Assert.NotNull(details);
        Assert.Equal(("Fight Club", "tt0137523", "1999-10-15"), (details.Title, details.ImdbId, details.ReleaseDate));
        CountryWatchProviders us = details.WatchProviders.Countries["US"];
        Assert.Equal(["Netflix"], us.Flatrate.Select(p => p.Name));
        Assert.Equal([2L, 3L], us.Rent.Select(p => p.Id));
        Assert.Empty(us.Buy);
        Assert.Empty(us.Ads);
        Assert.Equal(5, Assert.Single(details.WatchProviders.Countries["DE"].Buy).DisplayPriority);
    }

    [Fact]
    public async Task GetWatchProvidersAsync_ApiKeyMode_SendsKeyAsQueryAndParsesCountries()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("""{"id":1399,"results":{"GB":{"link":"l","ads":[{"provider_id":99,"provider_name":"Free TV"}]}}}""");
        TmdbClient sut = CreateSut(server.BaseUrl, useApiKey: true);

        WatchProviders? providers = await sut.GetWatchProvidersAsync(TmdbMediaType.Tv, 1399);

        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal("/3/tv/1399/watch/providers", request.Path);
        Assert.Contains($"api_key={ApiKey}", request.Query, StringComparison.Ordinal);
        Assert.Equal(string.Empty, request.Header("Authorization"));
        Assert.Equal(("tv", 1399L), (providers!.MediaType, providers.TmdbId));
        Assert.Equal("Free TV", Assert.Single(providers.Countries["GB"].Ads).Name);
    }

    [Fact]
    public async Task GetWatchProvidersAsync_UnknownId_ReturnsNullWithoutRetrying()
    {
        await using RecordingServer server = await RecordingServer.StartAsync("""{"success":false,"status_code":34,"status_message":"The resource you requested could not be found."}""", "application/json", 404);
        TmdbClient sut = CreateSut(server.BaseUrl);

        Assert.Null(await sut.GetWatchProvidersAsync(TmdbMediaType.Movie, 999_999_999));
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task GetWatchProvidersAsync_Throttled_HonoursRetryAfterThenSucceeds()
    {
        int calls = 0;
        await using RecordingServer server = await RecordingServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = (int)HttpStatusCode.TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsync("""{"success":false,"status_code":25,"status_message":"Your request count (41) is over the allowed limit of 40."}""");
                return;
            }

            await context.Response.WriteAsync("""{"id":5,"results":{}}""");
        });
        TmdbClient sut = CreateSut(server.BaseUrl);

        WatchProviders? providers = await sut.GetWatchProvidersAsync(TmdbMediaType.Movie, 5);

        Assert.NotNull(providers);
        Assert.Empty(providers.Countries);
        RecordedRequest[] requests = server.Requests.ToArray();
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public void Options_Defaults_RateLimitFortyPerSecondOnTmdbBaseUrl()
    {
        var options = new TmdbClientOptions();

        Assert.Equal(40, options.Resilience.RequestsPerSecond);
        Assert.Equal("https://api.themoviedb.org/3", options.BaseUrl!.ToString().TrimEnd('/'));
        Assert.Contains(options.Validate(), p => p.Contains("ReadAccessToken or ApiKey", StringComparison.Ordinal));
    }
}
