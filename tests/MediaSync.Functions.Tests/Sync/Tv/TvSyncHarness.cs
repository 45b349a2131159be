using Azure.Data.Tables;
using MediaSync.Catalog.Storage;
using MediaSync.Durable;
using MediaSync.Functions.Sync.Tv;
using MediaSync.Sandbox;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Functions.Tests.Sync.Tv;

/// <summary>
/// The app (in-process, Azurite) with two TV sources on one sandbox: <c>jf</c> (Jellyfin) and <c>px</c> (Plex), TMDb on the same sandbox, and its
/// own catalog tables. Runs the TvSync sub-orchestration directly through the durable client, as the catalog sync would.
/// </summary>
internal sealed class TvSyncHarness : IAsyncDisposable
{
    public const string Jellyfin = "jf";
    public const string Plex = "px";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly string connectionString;
    private readonly string tablePrefix;

    private TvSyncHarness(SandboxHost sandbox, AppHost host, string connectionString, string tablePrefix)
    {
        Sandbox = sandbox;
        Host = host;
        this.connectionString = connectionString;
        this.tablePrefix = tablePrefix;
    }

    public SandboxHost Sandbox { get; }

    public AppHost Host { get; }

    public CatalogStore Store => Host.App.Services.GetRequiredService<CatalogStore>();

    public DurableTaskClient Client => Host.App.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<TvSyncHarness> StartAsync(
        string connectionString, SandboxCatalogOptions catalog, TvSyncStrategy strategy, IDictionary<string, string?>? settings = null)
    {
        SandboxHost sandbox = await SandboxHost.StartAsync(new SandboxOptions { Catalog = catalog });
        string prefix = UniqueNames.Table("tv");
        var overrides = new Dictionary<string, string?>
        {
            ["Catalog:ConnectionString"] = connectionString,
            ["Catalog:TablePrefix"] = prefix,
            [$"Sources:{Jellyfin}:Kind"] = "Jellyfin",
            [$"Sources:{Jellyfin}:BaseUrl"] = sandbox.JellyfinUri.ToString(),
            [$"Sources:{Jellyfin}:ApiKey"] = sandbox.Options.JellyfinApiKey,
            [$"Sources:{Plex}:Kind"] = "Plex",
            [$"Sources:{Plex}:BaseUrl"] = sandbox.PlexUri.ToString(),
            [$"Sources:{Plex}:Token"] = sandbox.Options.PlexToken,
            ["Providers:Tmdb:BaseUrl"] = sandbox.TmdbUri.ToString(),
            ["Providers:Tmdb:ReadAccessToken"] = sandbox.Options.TmdbToken,
            ["Sync:Tv:Strategy"] = strategy.ToString(),
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        try
        {
            return new TvSyncHarness(sandbox, await AppHost.StartAsync(connectionString, overrides), connectionString, prefix);
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>Records a run (what the catalog sync does before it starts TvSync).</summary>
    public Task<SyncRun> StartRunAsync(string sourceId, SyncMode mode) => Store.Checkpoints.StartRunAsync(sourceId, mode);

    public Task<string> StartTvSyncAsync(TvSyncInput input) =>
        Client.ScheduleNewOrchestrationInstanceAsync(
            TvSyncOrchestrator.Name, input, new StartOrchestrationOptions(TvSyncOrchestrator.InstanceIdFor(input.SourceId)));

    public async Task<TvSyncResult> WaitForResultAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        OrchestrationMetadata done = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"TvSync ended {done.RuntimeStatus}: {done.FailureDetails}");
        return done.ReadOutputAs<TvSyncResult>()!;
    }

    /// <summary>A whole run: start, sync, finish (Completed unless canceled).</summary>
    public async Task<(SyncRun Run, TvSyncResult Result)> SyncAsync(string sourceId, SyncMode mode)
    {
        SyncRun run = await StartRunAsync(sourceId, mode);
        TvSyncResult result = await WaitForResultAsync(await StartTvSyncAsync(new TvSyncInput(sourceId, mode, run.RunId, null)));
        await Store.Checkpoints.FinishRunAsync(sourceId, run.RunId, result.Canceled ? SyncRunStatus.Canceled : SyncRunStatus.Completed);
        return (run, result);
    }

    /// <summary>Every stored episode of a source as "partition|row|name".</summary>
    public async Task<SortedSet<string>> StoredEpisodesAsync(string sourceId) =>
        await ReadAsync("Episodes", sourceId, e => $"{e.PartitionKey}|{e.RowKey}|{e.GetString("Name")}");

    /// <summary>Every stored show of a source as "id|name".</summary>
    public async Task<SortedSet<string>> StoredShowsAsync(string sourceId) =>
        await ReadAsync("Items", sourceId, e => $"{e.RowKey}|{e.GetString("Name")}");

    /// <summary>What the store must hold for a source: the sandbox's episodes right now.</summary>
    public SortedSet<string> ExpectedEpisodes(string sourceId)
    {
        SandboxCatalog catalog = Sandbox.Catalog;
        var shows = catalog.TvShows.ToDictionary(s => s.Number);
        return new SortedSet<string>(
            catalog.TvEpisodes.Select(e =>
            {
                string show = IdOf(sourceId, shows[e.ShowNumber]);
                string id = sourceId == Jellyfin ? e.JellyfinId : e.PlexRatingKey;
                return $"{sourceId}-{show}|{e.SeasonNumber:D3}-{e.EpisodeNumber:D4}-{id}|{e.Name}";
            }),
            StringComparer.Ordinal);
    }

    public SortedSet<string> ExpectedShows(string sourceId) =>
        new(Sandbox.Catalog.TvShows.Select(s => $"{IdOf(sourceId, s)}|{s.Name}"), StringComparer.Ordinal);

    public static string IdOf(string sourceId, SandboxTvShow show) => sourceId == Jellyfin ? show.JellyfinId : show.PlexRatingKey;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    private async Task<SortedSet<string>> ReadAsync(string table, string sourceId, Func<TableEntity, string> describe)
    {
        var client = new TableClient(connectionString, tablePrefix + table);
        string filter = TableClient.CreateQueryFilter($"PartitionKey ge {sourceId + "-"} and PartitionKey lt {sourceId + "."}");
        var rows = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>(filter))
        {
            Assert.True(rows.Add(describe(entity)), $"stored twice: {describe(entity)}");
        }

        return rows;
    }
}
