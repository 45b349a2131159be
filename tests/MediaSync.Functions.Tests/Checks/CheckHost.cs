using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediaSync.Catalog.Storage;
using MediaSync.Sandbox;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Functions.Tests.Checks;

/// <summary>
/// The sandbox provider with one xtream login per account (user name = account id, its connection limit enforced and
/// counted) and the real app over Azurite with those accounts as xtream sources, short probes and no stagger.
/// </summary>
internal sealed class CheckHost : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private CheckHost(SandboxHost sandbox, AppHost app, IReadOnlyDictionary<string, string?> settings)
    {
        Sandbox = sandbox;
        App = app;
        Settings = settings;
    }

    /// <summary>Every setting the app runs with (storage, keys, hub, sources, checks), for a second host of the same app.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public SandboxHost Sandbox { get; }

    public AppHost App { get; }

    public static async Task<CheckHost> StartAsync(
        string connectionString, IReadOnlyDictionary<string, int> accountLimits, IDictionary<string, string?>? overrides = null, long streamBitsPerSecond = 800_000)
    {
        SandboxHost sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            Catalog = { LiveChannels = 50, Movies = 0, Series = 0, TvShows = 0, Accounts = [.. accountLimits.Select(a => new SandboxAccount { Username = a.Key, Password = "pw-" + a.Key, MaxConnections = a.Value })] },
            StreamBitsPerSecond = streamBitsPerSecond,
        });
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = connectionString,
                ["Host:MasterKey"] = AppHost.MasterKey,
                ["Host:Keys:Default"] = AppHost.FunctionKey,
                ["Host:SystemKeys:durabletask_extension"] = AppHost.SystemKey,
                ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = UniqueNames.TaskHub("chk"),
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
                ["Catalog:TablePrefix"] = UniqueNames.Table("chk"),
                ["Checks:StaggerDelay"] = "00:00:00",
                ["Streams:Probe:SampleWindow"] = "00:00:00.300",
                ["Streams:Probe:TotalTimeout"] = "00:00:05",
                ["Streams:Probe:FirstByteTimeout"] = "00:00:03",

                // The sandbox's Dispatcharr; only sources with a DispatcharrAccountId ask it anything.
                ["Providers:Dispatcharr:BaseUrl"] = sandbox.DispatcharrUri.ToString(),
                ["Providers:Dispatcharr:ApiKey"] = sandbox.Options.DispatcharrApiKey,
            };
            foreach (string account in accountLimits.Keys)
            {
                settings[$"Sources:{account}:Kind"] = "xtream";
                settings[$"Sources:{account}:BaseUrl"] = sandbox.XtreamUri.ToString();
                settings[$"Sources:{account}:Username"] = account;
                settings[$"Sources:{account}:Password"] = "pw-" + account;
            }

            foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            return new CheckHost(sandbox, await AppHost.StartAsync(connectionString, settings), settings);
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a check of explicit streams (<c>"a/1"</c> = account a, stream 1) and returns its id.</summary>
    public Task<string> StartAsync(params string[] streams) =>
        StartAsync(new { streams = streams.Select(s => new { account = s.Split('/')[0], stream = s.Split('/')[1] }) });

    public async Task<string> StartAsync(object body)
    {
        using HttpRequestMessage request = App.Request(HttpMethod.Post, "/api/checks", AppHost.FunctionKey);
        request.Content = JsonContent.Create(body);
        using HttpResponseMessage response = await App.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await AppHost.JsonAsync(response)).GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using HttpRequestMessage request = App.Request(HttpMethod.Get, path, AppHost.FunctionKey);
        using HttpResponseMessage response = await App.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AppHost.JsonAsync(response);
    }

    /// <summary>Waits until the check completed and returns its status body.</summary>
    public async Task<JsonElement> WaitAsync(string checkId)
    {
        JsonElement status = default;
        await Eventually.TrueAsync(async () =>
        {
            status = await GetAsync($"/api/checks/{checkId}");
            string runtime = status.GetProperty("runtimeStatus").GetString()!;
            Assert.True(runtime is "Running" or "Pending" or "Completed", $"check {checkId} is {runtime}: {status}");
            return runtime == "Completed";
        }, Timeout, $"check {checkId} completes");
        return status;
    }

    /// <summary>The probe status of every stream in a completed check's StreamHealth rows, as "account/stream" → status.</summary>
    public async Task<Dictionary<string, string>> HealthAsync(string account)
    {
        JsonElement page = await GetAsync($"/api/health/streams/{account}?pageSize=1000");
        return page.GetProperty("items").EnumerateArray().ToDictionary(
            e => $"{account}/{e.GetProperty("streamId").GetString()}", e => e.GetProperty("status").GetString()!);
    }

    /// <summary>Writes catalog Items rows for live channels of an account, as the catalog sync would.</summary>
    public async Task SeedLiveChannelsAsync(string account, params int[] streamIds)
    {
        CatalogStore store = App.App.Services.GetRequiredService<CatalogStore>();
        await store.WriteAsync(CatalogTable.Items, "seed", Rows(account, streamIds));
    }

    /// <summary>Held slots of an account as the slots endpoint reports them.</summary>
    public async Task<int> SlotsInUseAsync(string account) => (await GetAsync($"/api/accounts/{account}/slots")).GetProperty("inUse").GetInt32();

    private static async IAsyncEnumerable<CatalogRow> Rows(string account, int[] streamIds)
    {
        foreach (int id in streamIds)
        {
            string key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return new CatalogRow(CatalogKeys.ItemsPartition(account, "live", key, 4), key).Set("Name", $"Channel {key}").Set("EpgChannelId", $"ch{key}.test");
        }

        await Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
