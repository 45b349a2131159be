using System.Net.Http.Headers;
using MediaSync.Catalog.Json;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaSync.Catalog.Plex;

/// <summary>
/// Typed client of a Plex Media Server's TV sections (JSON, token header): sections, shows, seasons,
/// episodes, the library-wide paged episode listing (<c>type=4</c>) and the <c>updatedAt</c> filter.
/// </summary>
internal sealed class PlexClient
{
    public const string ProviderName = "Plex";
    private const int ShowType = 2;
    private const int EpisodeType = 4;

    // Plex reads the filter operator out of the parameter name; '>' must reach it unescaped.
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    private readonly PlexClientOptions options;
    private readonly ProviderTransport transport;
    private readonly TimeProvider time;

    public PlexClient(HttpClient http, PlexClientOptions options, ILogger<PlexClient>? logger = null, TimeProvider? timeProvider = null)
    {
        time = timeProvider ?? TimeProvider.System;
        transport = new ProviderTransport(ProviderName, http, options, logger ?? NullLogger<PlexClient>.Instance, time);
        this.options = options;
    }

    /// <summary>
    /// Checks with three count-only probes whether this server honours the <c>updatedAt</c> filter:
    /// unknown filter spellings are silently ignored (200, whole section), which would make an
    /// incremental sync quietly re-read everything. Call once per server and fall back to full walks.
    /// </summary>
    public async Task<bool> SupportsUpdatedAtFilterAsync(string sectionId, CancellationToken cancellationToken = default)
    {
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        long total = await CountEpisodesAsync(sectionId, null, cancellationToken).ConfigureAwait(false);
        if (total == 0)
        {
            return false;
        }

        long lastMinute = await CountEpisodesAsync(sectionId, now - 60, cancellationToken).ConfigureAwait(false);
        long lastDecade = await CountEpisodesAsync(sectionId, now - (10L * 365 * 24 * 3600), cancellationToken).ConfigureAwait(false);
        return lastMinute < total && lastDecade > 0;
    }

    public long InvalidItemCount => transport.InvalidItemCount;

    public async Task<IReadOnlyList<MediaLibrary>> GetSectionsAsync(CancellationToken cancellationToken = default)
    {
        Uri url = options.Resolve("library/sections");
        return await GetList(url, "sections", "Directory", Section, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Walks the shows of a section; with <paramref name="updatedSince"/>, only those updated at or after it.</summary>
    public IAsyncEnumerable<TvShow> GetShowsAsync(string sectionId, DateTimeOffset? updatedSince = null, CancellationToken cancellationToken = default) =>
        Walk("shows", sectionId, ShowType, updatedSince, Show, s => s.Id, cancellationToken);

    /// <summary>Walks every episode of a section in pages; with <paramref name="updatedSince"/>, only those updated at or after it.</summary>
    public IAsyncEnumerable<TvEpisode> GetLibraryEpisodesAsync(string sectionId, DateTimeOffset? updatedSince = null, CancellationToken cancellationToken = default) =>
        Walk("library-episodes", sectionId, EpisodeType, updatedSince, Episode, e => e.Id, cancellationToken);

    /// <summary>
    /// Reads one page (<c>X-Plex-Container-Start</c>/<c>-Size</c>) of the section-wide episode listing in the server's
    /// order (show by show, so a page holds whole shows) with the listing's <c>totalSize</c>: fetch the first page to
    /// learn the total, then the remaining pages in parallel.
    /// </summary>
    public async Task<ItemPage<TvEpisode>> GetLibraryEpisodesPageAsync(
        string sectionId, int start, int size, DateTimeOffset? updatedSince = null, CancellationToken cancellationToken = default)
    {
        var url = new Uri($"{ListingQuery(sectionId, EpisodeType, updatedSince)}&X-Plex-Container-Start={start}&X-Plex-Container-Size={size}", in Verbatim);
        using JsonDocument document = await Get(url, cancellationToken).ConfigureAwait(false);
        ProviderCall call = transport.CallFor("library-episodes", url);
        return ProviderTransport.Map(document, call, root =>
        {
            JsonElement container = Container(root);
            List<TvEpisode> items = transport.MapItems(Flex.Array(container, "Metadata"), call, "$.MediaContainer.Metadata", Episode).ToList();
            return new ItemPage<TvEpisode>(items, Flex.Int64(container, "totalSize"));
        });
    }

    public async Task<IReadOnlyList<TvSeason>> GetSeasonsAsync(string showRatingKey, CancellationToken cancellationToken = default)
    {
        Uri url = options.Resolve($"library/metadata/{Uri.EscapeDataString(showRatingKey)}/children?excludeAllLeaves=1");
        return await GetList(url, "seasons", "Metadata", e => Season(showRatingKey, e), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TvEpisode>> GetEpisodesAsync(string seasonRatingKey, CancellationToken cancellationToken = default)
    {
        Uri url = options.Resolve($"library/metadata/{Uri.EscapeDataString(seasonRatingKey)}/children?includeGuids=1");
        return await GetList(url, "episodes", "Metadata", Episode, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<T>> GetList<T>(Uri url, string action, string listName, Func<JsonElement, T> map, CancellationToken cancellationToken)
    {
        using JsonDocument document = await Get(url, cancellationToken).ConfigureAwait(false);
        ProviderCall call = transport.CallFor(action, url);
        return ProviderTransport.Map(document, call, root => transport.MapItems(Flex.Array(Container(root), listName), call, "$.MediaContainer." + listName, map).ToList());
    }

    private IAsyncEnumerable<T> Walk<T>(string action, string sectionId, int type, DateTimeOffset? updatedSince, Func<JsonElement, T> map, Func<T, string> idOf, CancellationToken cancellationToken)
    {
        string query = ListingQuery(sectionId, type, updatedSince) + "&sort=addedAt:asc";
        return PagedReader.ReadAsync(
            transport,
            action,
            options.PageSize,
            (_, offset) => new Uri($"{query}&X-Plex-Container-Start={offset}&X-Plex-Container-Size={options.PageSize}", in Verbatim),
            Get,
            root => PageOf(Container(root)),
            "$.MediaContainer.Metadata",
            map,
            idOf,
            cancellationToken);
    }

    private string ListingQuery(string sectionId, int type, DateTimeOffset? updatedSince)
    {
        // The comparison is strictly "after": ask from one second before the cursor.
        string filter = updatedSince is { } t ? $"&updatedAt>>={(t.ToUnixTimeSeconds() - 1).ToString(CultureInfo.InvariantCulture)}" : string.Empty;
        return $"{Root()}/library/sections/{Uri.EscapeDataString(sectionId)}/all?type={type}&includeGuids=1" +
            "&excludeElements=Media,Genre,Role,Director,Writer,Country,Collection&excludeFields=summary,tagline" + filter;
    }

    private async Task<long> CountEpisodesAsync(string sectionId, long? updatedAfter, CancellationToken cancellationToken)
    {
        string filter = updatedAfter is { } t ? $"&updatedAt>>={t.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
        var url = new Uri($"{Root()}/library/sections/{Uri.EscapeDataString(sectionId)}/all?type={EpisodeType}{filter}&X-Plex-Container-Start=0&X-Plex-Container-Size=0", in Verbatim);
        using JsonDocument document = await Get(url, cancellationToken).ConfigureAwait(false);
        return ProviderTransport.Map(document, transport.CallFor("count", url), root =>
        {
            JsonElement container = Container(root);
            return Flex.Int64(container, "totalSize") ?? Flex.Int64(container, "size") ?? 0;
        });
    }

    private string Root() => options.BaseUrl!.GetLeftPart(UriPartial.Path).TrimEnd('/');

    private static PageShape PageOf(JsonElement container) =>
        new(Flex.Array(container, "Metadata"), Flex.Int64(container, "totalSize"), null);

    private Task<JsonDocument> Get(Uri url, CancellationToken cancellationToken) =>
        transport.GetDocumentAsync(url, url.AbsolutePath.TrimEnd('/').Split('/')[^1], cancellationToken, Authorize);

    private void Authorize(HttpRequestHeaders headers)
    {
        headers.TryAddWithoutValidation("X-Plex-Token", options.Token);
        headers.TryAddWithoutValidation("X-Plex-Client-Identifier", options.ClientIdentifier);
        headers.TryAddWithoutValidation("X-Plex-Product", "MediaSync");
        headers.TryAddWithoutValidation("X-Plex-Version", "1.0");
        headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    private static JsonElement Container(JsonElement root) =>
        Flex.Object(Flex.EnsureObject(root), "MediaContainer") ?? throw new JsonFieldException("MediaContainer", "the response has no 'MediaContainer' (was JSON requested?)");

    private static MediaLibrary Section(JsonElement item) =>
        new(Flex.RequiredId(Flex.EnsureObject(item), "key"), Flex.String(item, "title") ?? string.Empty, Flex.String(item, "type"));

    private static TvShow Show(JsonElement item) => new()
    {
        Id = Flex.RequiredId(Flex.EnsureObject(item), "ratingKey"),
        Name = Flex.String(item, "title") ?? string.Empty,
        Year = Flex.Int32(item, "year"),
        ProviderIds = Guids(item),
        ChangeKey = Flex.String(item, "updatedAt"),
        AddedAt = Flex.UnixTime(item, "addedAt"),
    };

    private static TvSeason Season(string showRatingKey, JsonElement item) => new()
    {
        Id = Flex.RequiredId(Flex.EnsureObject(item), "ratingKey"),
        ShowId = Flex.String(item, "parentRatingKey") ?? showRatingKey,
        SeasonNumber = Flex.Int32(item, "index"),
        Name = Flex.String(item, "title") ?? string.Empty,
        ChangeKey = Flex.String(item, "updatedAt"),
    };

    private static TvEpisode Episode(JsonElement item) => new()
    {
        Id = Flex.RequiredId(Flex.EnsureObject(item), "ratingKey"),
        ShowId = Flex.String(item, "grandparentRatingKey"),
        SeasonId = Flex.String(item, "parentRatingKey"),
        SeasonNumber = Flex.Int32(item, "parentIndex"),
        EpisodeNumber = Flex.Int32(item, "index"),
        Name = Flex.String(item, "title") ?? string.Empty,
        ProviderIds = Guids(item),
        ChangeKey = Flex.String(item, "updatedAt"),
        AddedAt = Flex.UnixTime(item, "addedAt"),
        RunTime = Flex.Int64(item, "duration") is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
    };

    /// <summary>Turns <c>Guid: [{"id":"tmdb://123"}]</c> into <c>{"tmdb": "123"}</c>.</summary>
    private static Dictionary<string, string> Guids(JsonElement item)
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (JsonElement guid in Flex.Array(item, "Guid"))
        {
            if (guid.ValueKind == JsonValueKind.Object && Flex.String(guid, "id") is { } id)
            {
                int separator = id.IndexOf("://", StringComparison.Ordinal);
                if (separator > 0)
                {
                    ids[id[..separator]] = id[(separator + 3)..];
                }
            }
        }

        return ids;
    }
}
