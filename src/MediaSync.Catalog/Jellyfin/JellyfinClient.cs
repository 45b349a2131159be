using System.Net.Http.Headers;
using MediaSync.Catalog.Json;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaSync.Catalog.Jellyfin;

/// <summary>
/// Typed client of a Jellyfin server's TV libraries: views, series, seasons, episodes, and the
/// library-wide paged <c>/Items</c> walk with the incremental <c>MinDateLastSaved</c> filter.
/// </summary>
internal sealed class JellyfinClient
{
    public const string ProviderName = "Jellyfin";
    private const string MinimalFields = "ProviderIds,DateCreated,Etag";

    private readonly JellyfinClientOptions options;
    private readonly ProviderTransport transport;

    public JellyfinClient(HttpClient http, JellyfinClientOptions options, ILogger<JellyfinClient>? logger = null, TimeProvider? timeProvider = null)
    {
        transport = new ProviderTransport(ProviderName, http, options, logger ?? NullLogger<JellyfinClient>.Instance, timeProvider ?? TimeProvider.System);
        this.options = options;
    }

    public long InvalidItemCount => transport.InvalidItemCount;

    /// <summary>Lists the libraries: the user's views when a user is configured, else the server's virtual folders.</summary>
    public async Task<IReadOnlyList<MediaLibrary>> GetLibrariesAsync(CancellationToken cancellationToken = default)
    {
        const string action = "libraries";
        if (!string.IsNullOrEmpty(options.UserId))
        {
            Uri views = options.Resolve($"UserViews?userId={Uri.EscapeDataString(options.UserId)}");
            using JsonDocument document = await Get(views, cancellationToken).ConfigureAwait(false);
            ProviderCall call = transport.CallFor(action, views);
            return ProviderTransport.Map(document, call, root => transport.MapItems(Flex.Array(Flex.EnsureObject(root), "Items"), call, "$.Items", Library).ToList());
        }

        Uri folders = options.Resolve("Library/VirtualFolders");
        using JsonDocument list = await Get(folders, cancellationToken).ConfigureAwait(false);
        ProviderCall foldersCall = transport.CallFor(action, folders);
        return ProviderTransport.Map(list, foldersCall, root => root.ValueKind == JsonValueKind.Array
            ? transport.MapItems(root.EnumerateArray(), foldersCall, "$", VirtualFolder).ToList()
            : throw new JsonFieldException(string.Empty, $"expected a list of virtual folders, got {Flex.Describe(root.ValueKind)}"));
    }

    /// <summary>Walks every series of a library, optionally only those saved at or after <paramref name="minDateLastSaved"/>.</summary>
    public IAsyncEnumerable<TvShow> GetSeriesAsync(string libraryId, DateTimeOffset? minDateLastSaved = null, CancellationToken cancellationToken = default) =>
        WalkItems("series", libraryId, "Series", minDateLastSaved, Show, cancellationToken);

    /// <summary>Walks every episode of a library in pages (the bulk plan: a few calls instead of one per show and season).</summary>
    public IAsyncEnumerable<TvEpisode> GetLibraryEpisodesAsync(string libraryId, DateTimeOffset? minDateLastSaved = null, CancellationToken cancellationToken = default) =>
        WalkItems("library-episodes", libraryId, "Episode", minDateLastSaved, Episode, cancellationToken);

    /// <summary>
    /// Reads one page of the library-wide episode listing, sorted by show, season and episode so that a page holds whole
    /// shows (full table batches). With <paramref name="includeTotal"/> the server also counts the listing: ask on the
    /// first page only, then fetch the remaining pages in parallel.
    /// </summary>
    public async Task<ItemPage<TvEpisode>> GetLibraryEpisodesPageAsync(
        string libraryId, int startIndex, int limit, DateTimeOffset? minDateLastSaved = null, bool includeTotal = true, CancellationToken cancellationToken = default)
    {
        Uri url = options.Resolve(
            $"Items?parentId={Uri.EscapeDataString(libraryId)}&recursive=true&includeItemTypes=Episode&fields={MinimalFields}" +
            $"&enableImages=false&enableUserData=false&excludeLocationTypes=Virtual&sortBy=SeriesSortName,ParentIndexNumber,IndexNumber,SortName" +
            $"&sortOrder=Ascending{SinceQuery(minDateLastSaved)}{UserQuery()}&startIndex={startIndex}&limit={limit}" +
            (includeTotal ? string.Empty : "&enableTotalRecordCount=false"));
        using JsonDocument document = await Get(url, cancellationToken).ConfigureAwait(false);
        ProviderCall call = transport.CallFor("library-episodes", url);
        return ProviderTransport.Map(document, call, root =>
        {
            JsonElement page = Flex.EnsureObject(root);
            List<TvEpisode> items = transport.MapItems(Flex.Array(page, "Items"), call, "$.Items", Episode).ToList();
            return new ItemPage<TvEpisode>(items, includeTotal ? Flex.Int64(page, "TotalRecordCount") : null);
        });
    }

    public async Task<IReadOnlyList<TvSeason>> GetSeasonsAsync(string seriesId, CancellationToken cancellationToken = default)
    {
        Uri url = options.Resolve($"Shows/{Uri.EscapeDataString(seriesId)}/Seasons?fields=Etag&enableImages=false&enableUserData=false{UserQuery()}");
        return await GetList(url, "seasons", e => Season(seriesId, e), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TvEpisode>> GetEpisodesAsync(string seriesId, string seasonId, CancellationToken cancellationToken = default)
    {
        Uri url = options.Resolve($"Shows/{Uri.EscapeDataString(seriesId)}/Episodes?seasonId={Uri.EscapeDataString(seasonId)}&fields={MinimalFields}&enableImages=false&enableUserData=false{UserQuery()}");
        return await GetList(url, "episodes", Episode, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<T>> GetList<T>(Uri url, string action, Func<JsonElement, T> map, CancellationToken cancellationToken)
    {
        using JsonDocument document = await Get(url, cancellationToken).ConfigureAwait(false);
        ProviderCall call = transport.CallFor(action, url);
        return ProviderTransport.Map(document, call, root => transport.MapItems(Flex.Array(Flex.EnsureObject(root), "Items"), call, "$.Items", map).ToList());
    }

    private IAsyncEnumerable<T> WalkItems<T>(string action, string libraryId, string type, DateTimeOffset? minDateLastSaved, Func<JsonElement, T> map, CancellationToken cancellationToken)
        where T : class
    {
        string query = $"Items?parentId={Uri.EscapeDataString(libraryId)}&recursive=true&includeItemTypes={type}&fields={MinimalFields}" +
            $"&enableImages=false&enableUserData=false&excludeLocationTypes=Virtual&sortBy=DateCreated,SortName&sortOrder=Ascending{SinceQuery(minDateLastSaved)}{UserQuery()}";
        return PagedReader.ReadAsync(
            transport,
            action,
            options.PageSize,
            (page, offset) => options.Resolve($"{query}&startIndex={offset}&limit={options.PageSize}" + (page > 1 ? "&enableTotalRecordCount=false" : string.Empty)),
            Get,
            root => new PageShape(Flex.Array(root, "Items"), Flex.Int64(root, "TotalRecordCount") is > 0 and var total ? total : null, null),
            "$.Items",
            map,
            item => item switch { TvShow s => s.Id, TvEpisode e => e.Id, _ => string.Empty },
            cancellationToken);
    }

    private Task<JsonDocument> Get(Uri url, CancellationToken cancellationToken) =>
        transport.GetDocumentAsync(url, ActionOf(url), cancellationToken, Authorize);

    private void Authorize(HttpRequestHeaders headers)
    {
        headers.TryAddWithoutValidation(
            "Authorization",
            $"MediaBrowser Token=\"{options.ApiKey}\", Client=\"MediaSync\", Device=\"MediaSync\", DeviceId=\"{options.DeviceId}\", Version=\"1.0\"");
        headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    private static string SinceQuery(DateTimeOffset? minDateLastSaved) => minDateLastSaved is { } t
        ? "&minDateLastSaved=" + Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture))
        : string.Empty;

    private string UserQuery() => string.IsNullOrEmpty(options.UserId) ? string.Empty : "&userId=" + Uri.EscapeDataString(options.UserId);

    private static string ActionOf(Uri url) => url.AbsolutePath.TrimEnd('/').Split('/')[^1];

    private static MediaLibrary Library(JsonElement item) =>
        new(Flex.RequiredId(Flex.EnsureObject(item), "Id"), Flex.String(item, "Name") ?? string.Empty, Flex.String(item, "CollectionType"));

    private static MediaLibrary VirtualFolder(JsonElement item) =>
        new(Flex.RequiredId(Flex.EnsureObject(item), "ItemId"), Flex.String(item, "Name") ?? string.Empty, Flex.String(item, "CollectionType"));

    private static TvShow Show(JsonElement item) => new()
    {
        Id = Flex.RequiredId(Flex.EnsureObject(item), "Id"),
        Name = Flex.String(item, "Name") ?? string.Empty,
        Year = Flex.Int32(item, "ProductionYear"),
        ProviderIds = ProviderIds(item),
        ChangeKey = Flex.String(item, "Etag"),
        AddedAt = Flex.IsoTime(item, "DateCreated"),
    };

    private static TvSeason Season(string seriesId, JsonElement item) => new()
    {
        Id = Flex.RequiredId(Flex.EnsureObject(item), "Id"),
        ShowId = Flex.String(item, "SeriesId") ?? seriesId,
        SeasonNumber = Flex.Int32(item, "IndexNumber"),
        Name = Flex.String(item, "Name") ?? string.Empty,
        ChangeKey = Flex.String(item, "Etag"),
    };

    private static TvEpisode Episode(JsonElement item) => new()
    {
        Id = Flex.RequiredId(Flex.EnsureObject(item), "Id"),
        ShowId = Flex.String(item, "SeriesId"),
        SeasonId = Flex.String(item, "SeasonId"),
        SeasonNumber = Flex.Int32(item, "ParentIndexNumber"),
        EpisodeNumber = Flex.Int32(item, "IndexNumber"),
        Name = Flex.String(item, "Name") ?? string.Empty,
        ProviderIds = ProviderIds(item),
        ChangeKey = Flex.String(item, "Etag"),
        AddedAt = Flex.IsoTime(item, "DateCreated"),
        RunTime = Flex.Int64(item, "RunTimeTicks") is { } ticks ? TimeSpan.FromTicks(ticks) : null,
    };

    private static Dictionary<string, string> ProviderIds(JsonElement item)
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Flex.Object(item, "ProviderIds") is { } map)
        {
            foreach (JsonProperty id in map.EnumerateObject())
            {
                if (Flex.StringValue(id.Value, "ProviderIds." + id.Name) is { } value)
                {
                    ids[id.Name] = value;
                }
            }
        }

        return ids;
    }
}
