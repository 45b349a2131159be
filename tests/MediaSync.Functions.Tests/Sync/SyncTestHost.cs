using System.Globalization;
using System.Net;
using System.Text.Json;
using MediaSync.Catalog.Storage;
using MediaSync.Sandbox;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Functions.Tests.Sync;

/// <summary>The app in-process with one xtream source pointing at a sandbox, its own task hub and catalog tables.</summary>
internal sealed class SyncTestHost : IAsyncDisposable
{
    public const string SourceId = "panel";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly bool ownsSandbox;

    private SyncTestHost(SandboxHost sandbox, AppHost app, bool ownsSandbox)
    {
        Sandbox = sandbox;
        App = app;
        this.ownsSandbox = ownsSandbox;
    }

    public SandboxHost Sandbox { get; }

    public AppHost App { get; }

    public CatalogStore Store => App.App.Services.GetRequiredService<CatalogStore>();

    /// <summary>A small catalog: every kind, a second category on some items, several seasons per series.</summary>
    public static SandboxOptions SmallCatalog(int maxConnections = 2) => new()
    {
        Catalog =
        {
            LiveChannels = 40, Movies = 80, Series = 10, LiveCategories = 3, VodCategories = 4, SeriesCategories = 3,
            SeasonsPerSeries = 2, EpisodesPerSeason = 3, TvShows = 0, Accounts = [new SandboxAccount { MaxConnections = maxConnections }],
        },
    };

    public static async Task<SyncTestHost> StartAsync(AzuriteFixture azurite, SandboxOptions sandboxOptions, IDictionary<string, string?>? overrides = null)
    {
        SandboxHost sandbox = await SandboxHost.StartAsync(sandboxOptions);
        try
        {
            AppHost app = await AppHost.StartAsync(azurite.ConnectionString, Settings(sandbox, UniqueNames.Table("c")[..20], overrides));
            return new SyncTestHost(sandbox, app, ownsSandbox: true);
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>An app host with <paramref name="settings"/> (hub, tables, source) over a sandbox the caller owns.</summary>
    public static async Task<SyncTestHost> AttachAsync(AzuriteFixture azurite, SandboxHost sandbox, IDictionary<string, string?> settings) =>
        new(sandbox, await AppHost.StartAsync(azurite.ConnectionString, settings), ownsSandbox: false);

    /// <summary>The app settings of the xtream source (and the test's catalog table prefix).</summary>
    public static Dictionary<string, string?> Settings(SandboxHost sandbox, string tablePrefix, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Sources:{SourceId}:Kind"] = "Xtream",
            [$"Sources:{SourceId}:BaseUrl"] = sandbox.XtreamUri.ToString(),
            [$"Sources:{SourceId}:Username"] = sandbox.Account.Username,
            [$"Sources:{SourceId}:Password"] = sandbox.Account.Password,
            ["Catalog:TablePrefix"] = tablePrefix,
            // Provider retries in tens of milliseconds, so fault tests wait on work, not on back-off.
            ["Providers:Xtream:Resilience:RetryBaseDelay"] = "00:00:00.050",
            ["Providers:Xtream:Resilience:UseJitter"] = "false",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task<HttpResponseMessage> PostAsync(string path, string? key = AppHost.FunctionKey)
    {
        using HttpRequestMessage request = App.Request(HttpMethod.Post, path, key);
        return await App.Client.SendAsync(request);
    }

    public async Task<JsonElement> StatusAsync()
    {
        using HttpRequestMessage request = App.Request(HttpMethod.Get, $"/api/sync/{SourceId}", AppHost.FunctionKey);
        using HttpResponseMessage response = await App.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AppHost.JsonAsync(response);
    }

    /// <summary>Starts a sync (asserting 202) and waits until it is no longer running; returns the final status.</summary>
    public async Task<JsonElement> SyncAsync(string query = "")
    {
        using HttpResponseMessage started = await PostAsync($"/api/sync/{SourceId}{query}");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return await WaitUntilDoneAsync();
    }

    public async Task<JsonElement> WaitUntilDoneAsync()
    {
        JsonElement status = default;
        await Eventually.TrueAsync(async () =>
        {
            status = await StatusAsync();
            return status.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated";
        }, Timeout, "the sync is no longer running");
        Assert.True(status.GetProperty("runtimeStatus").GetString() == "Completed", status.ToString());
        return status;
    }

    /// <summary>Every stored key of the source: categories, items per kind, episodes per series.</summary>
    public async Task<CatalogSnapshot> ReadStoreAsync()
    {
        var categories = await AllAsync(token => Store.Queries.GetCategoriesAsync(SourceId, token, 1000));
        var items = new Dictionary<string, List<string>>();
        foreach (string kind in new[] { "live", "vod", "series" })
        {
            items[kind] = (await AllAsync(token => Store.Queries.GetItemsAsync(SourceId, kind, token, 1000))).Select(r => r.RowKey).ToList();
        }

        var episodes = new List<string>();
        foreach (string seriesId in items["series"])
        {
            episodes.AddRange((await AllAsync(token => Store.Queries.GetEpisodesAsync(SourceId, seriesId, token, 1000)))
                .Select(r => $"{seriesId}/{r.GetString("EpisodeId")}"));
        }

        return new CatalogSnapshot(categories.Select(r => r.RowKey).ToList(), items["live"], items["vod"], items["series"], episodes);
    }

    /// <summary>What the sandbox serves, as the same keys.</summary>
    public CatalogSnapshot Expected()
    {
        SandboxCatalog catalog = Sandbox.Catalog;
        static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
        var categories = new[] { (SandboxKind.Live, "live"), (SandboxKind.Vod, "vod"), (SandboxKind.Series, "series") }
            .SelectMany(k => catalog.Categories(k.Item1).Select(c => $"{k.Item2}-{Id(c.Id)}")).ToList();
        var series = catalog.Series.ToList();
        return new CatalogSnapshot(
            categories,
            catalog.LiveChannels.Select(c => Id(c.StreamId)).ToList(),
            catalog.Movies.Select(m => Id(m.StreamId)).ToList(),
            series.Select(s => Id(s.SeriesId)).ToList(),
            series.SelectMany(s => catalog.GetEpisodes(s.SeriesId).Select(e => $"{Id(s.SeriesId)}/{e.Id}")).ToList());
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (ownsSandbox)
        {
            await Sandbox.DisposeAsync();
        }
    }

    /// <summary>Every row of a paged query.</summary>
    public static async Task<List<CatalogRow>> AllAsync(Func<string?, Task<CatalogPage>> page)
    {
        var rows = new List<CatalogRow>();
        string? token = null;
        do
        {
            CatalogPage next = await page(token);
            rows.AddRange(next.Rows);
            token = next.ContinuationToken;
        }
        while (token is not null);
        return rows;
    }
}
