using System.Collections.Concurrent;
using MediaSync.Catalog.DependencyInjection;
using MediaSync.Catalog.Jellyfin;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Plex;
using MediaSync.Catalog.Tests.Support;
using MediaSync.Catalog.Tests.Xtream;
using MediaSync.Catalog.Tmdb;
using MediaSync.Catalog.Xtream;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Catalog.Tests.DependencyInjection;

/// <summary>
/// Drives every client through failing and succeeding calls, with clients built by DI exactly as the
/// app builds them, and checks every log line of every category and every exception for secrets.
/// </summary>
public sealed class SecretsNeverLoggedTests
{
    private const string TmdbKey = "tmdb-key-0000aaaa";
    private const string JellyfinKey = "jf-key-1111bbbb";
    private const string PlexToken = "plex-token-2222cccc";

    private static readonly string[] Secrets = [TestClients.User, TestClients.Password, Uri.EscapeDataString(TestClients.Password), TmdbKey, JellyfinKey, PlexToken];

    [Fact]
    public async Task AllClients_FailingAndSucceedingCalls_NoSecretInAnyLogLineOrException()
    {
        var calls = new ConcurrentDictionary<string, int>();
        await using RecordingServer server = await RecordingServer.StartAsync(async context =>
        {
            string key = context.Request.Path + context.Request.Query["action"];
            int call = calls.AddOrUpdate(key, 1, (_, n) => n + 1);
            context.Response.ContentType = "application/json";
            // Each provider echoes the secrets it was given (as panels echo credentials), never another provider's.
            string echo = context.Request.Path.Value switch
            {
                "/player_api.php" => $"bad login {TestClients.User}/{TestClients.Password}",
                "/3/movie/550" => $"bad key {TmdbKey}",
                "/Items" => $"bad token {JellyfinKey}",
                _ => $"bad token {PlexToken}",
            };
            switch (key)
            {
                case "/player_api.php":
                    await context.Response.WriteAsync(XtreamPayloads.Account);
                    break;
                case "/player_api.phpget_live_streams" when call <= 2:
                    context.Response.StatusCode = 503;
                    await context.Response.WriteAsync(echo);
                    break;
                case "/player_api.phpget_live_streams":
                    await context.Response.WriteAsync(XtreamPayloads.LiveStreams);
                    break;
                case "/player_api.phpget_vod_streams":
                    await context.Response.WriteAsync(XtreamPayloads.VodStreams[..200]);
                    break;
                case "/player_api.phpget_series":
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync($"<html>{echo}</html>");
                    break;
                case "/player_api.phpget_series_info":
                    context.Response.StatusCode = 403;
                    await context.Response.WriteAsync(echo);
                    break;
                case "/player_api.phpget_live_categories":
                    await context.Response.WriteAsync("""[{"category_id":{"x":1},"category_name":"bad"},{"category_id":"1","category_name":"ok"}]""");
                    break;
                case "/3/movie/550":
                    context.Response.StatusCode = call == 1 ? 500 : 200;
                    await context.Response.WriteAsync(call == 1 ? echo : """{"id":550,"title":"Fight Club"}""");
                    break;
                case "/Items":
                    context.Response.StatusCode = 401;
                    await context.Response.WriteAsync(echo);
                    break;
                default:
                    context.Response.StatusCode = 404;
                    await context.Response.WriteAsync(echo);
                    break;
            }
        });

        var logs = new CapturingLoggerProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:Xtream:Resilience:RetryBaseDelay"] = "00:00:00.020",
            ["Providers:Xtream:Resilience:UseJitter"] = "false",
            ["Providers:Xtream:Resilience:MaxRetryAttempts"] = "2",
            ["Providers:Tmdb:Resilience:RetryBaseDelay"] = "00:00:00.020",
            ["Providers:Tmdb:ApiKey"] = TmdbKey,
            ["Providers:Tmdb:BaseUrl"] = new Uri(server.BaseUrl, "3").ToString(),
            ["Providers:Jellyfin:BaseUrl"] = server.BaseUrl.ToString(),
            ["Providers:Jellyfin:ApiKey"] = JellyfinKey,
            ["Providers:Plex:BaseUrl"] = server.BaseUrl.ToString(),
            ["Providers:Plex:Token"] = PlexToken,
        }).Build();
        await using ServiceProvider services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddMediaSyncProviders(configuration)
            .BuildServiceProvider();
        IProviderClientFactory factory = services.GetRequiredService<IProviderClientFactory>();
        var errors = new List<Exception>();

        XtreamClient xtream = factory.CreateXtream(new Uri(server.BaseUrl, $"player_api.php?username={TestClients.User}&password=x"), TestClients.User, TestClients.Password);
        XtreamAccountInfo account = await xtream.GetAccountInfoAsync();
        List<CatalogItem> live = await xtream.GetItemsAsync(CatalogKind.Live).ToListAsync();
        List<CatalogCategory> categories = await xtream.GetCategoriesAsync(CatalogKind.Live).ToListAsync();
        errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => xtream.GetItemsAsync(CatalogKind.Vod).ToListAsync()));
        errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => xtream.GetItemsAsync(CatalogKind.Series).ToListAsync()));
        errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => xtream.GetSeriesInfoAsync("77")));
        XtreamClient unreachable = factory.CreateXtream(new Uri("http://127.0.0.1:1/"), TestClients.User, TestClients.Password);
        errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => unreachable.GetAccountInfoAsync()));

        TmdbTitleDetails? details = await factory.CreateTmdb().GetDetailsWithWatchProvidersAsync(TmdbMediaType.Movie, 550);
        errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => factory.CreateJellyfin().GetLibraryEpisodesAsync("lib").ToListAsync()));
        errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => factory.CreatePlex().GetSectionsAsync()));

        // The calls did what they should, so the scan below covers real success and failure paths.
        Assert.True(account.Authenticated);
        Assert.Equal(2, live.Count);
        Assert.Equal("1", Assert.Single(categories).Id);
        Assert.Equal("Fight Club", details?.Title);
        Assert.Equal(6, errors.Count);
        Assert.Contains(logs.Lines, l => l.Contains("[5004]", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("[5001]", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("[5002]", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("[5003]", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("[5007]", StringComparison.Ordinal) && l.Contains("password=***", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal));
        foreach (string line in logs.Lines)
        {
            TestClients.AssertNoSecret(line, Secrets);
        }

        foreach (Exception error in errors)
        {
            TestClients.AssertNoSecret(error.ToString(), Secrets);
        }
    }

    [Fact]
    public void AddMediaSyncProviders_InvalidResilienceConfiguration_FailsValidationNamingProvider()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:Plex:Resilience:AttemptTimeout"] = "00:05:00",
            ["Providers:Plex:Resilience:TotalTimeout"] = "00:01:00",
        }).Build();
        using ServiceProvider services = new ServiceCollection().AddLogging().AddMediaSyncProviders(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PlexClientOptions>>().Value);

        Assert.Contains("Plex resilience: AttemptTimeout", error.Message, StringComparison.Ordinal);
        Assert.NotNull(services.GetRequiredService<IOptions<JellyfinClientOptions>>().Value);
    }

    [Fact]
    public async Task CreateXtream_TwoAccountsOnOneHost_ShareTheHostConcurrencyLimit()
    {
        await using RecordingServer server = await RecordingServer.StartAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(30), TimeProvider.System);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(XtreamPayloads.Account);
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:Xtream:Resilience:MaxConcurrency"] = "2",
        }).Build();
        await using ServiceProvider services = new ServiceCollection().AddLogging().AddMediaSyncProviders(configuration).BuildServiceProvider();
        IProviderClientFactory factory = services.GetRequiredService<IProviderClientFactory>();
        XtreamClient first = factory.CreateXtream(server.BaseUrl, "account-one", "pass-one");
        XtreamClient second = factory.CreateXtream(server.BaseUrl, "account-two", "pass-two");

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? first : second).GetAccountInfoAsync()));

        Assert.Equal(10, server.RequestCount);
        Assert.InRange(server.MaxInFlight, 1, 2);
        Assert.Contains(server.Requests, r => r.Query.Contains("username=account-two", StringComparison.Ordinal));
    }
}
