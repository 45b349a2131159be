using System.Runtime.CompilerServices;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaSync.Catalog.Xtream;

/// <summary>
/// Typed client of one Xtream Codes account (<c>player_api.php</c>). Lists are streamed item by item
/// straight from the response, so memory stays flat whatever the catalog size; credentials live only
/// in the URLs this class builds and are redacted from every log line and error.
/// </summary>
internal sealed class XtreamClient
{
    public const string ProviderName = "Xtream";
    private const string AccountObjectHint = "Xtream panels answer an unknown action or rejected credentials with the account object";

    private readonly XtreamClientOptions options;
    private readonly ProviderTransport transport;
    private readonly Uri baseUrl;

    public XtreamClient(HttpClient http, XtreamClientOptions options, ILogger<XtreamClient>? logger = null, TimeProvider? timeProvider = null)
    {
        transport = new ProviderTransport(ProviderName, http, options, logger ?? NullLogger<XtreamClient>.Instance, timeProvider ?? TimeProvider.System);
        this.options = options;
        baseUrl = XtreamUrls.NormalizeBase(options.BaseUrl!);
    }

    /// <summary>Gets the normalised panel base URL (no query, no <c>*.php</c>).</summary>
    public Uri BaseUrl => baseUrl;

    /// <summary>
    /// Gets how many requests this client's pipeline lets through at once (shared by every client of the panel's host);
    /// further requests wait in its queue.
    /// </summary>
    public int MaxConcurrentRequests => options.Resilience.MaxConcurrency;

    /// <summary>Gets how many list items were skipped as unusable.</summary>
    public long InvalidItemCount => transport.InvalidItemCount;

    /// <summary>Reads the account object: connection limit, active connections, expiry, status.</summary>
    public async Task<XtreamAccountInfo> GetAccountInfoAsync(CancellationToken cancellationToken = default)
    {
        Uri url = Api(null);
        using JsonDocument document = await transport.GetDocumentAsync(url, "account", cancellationToken).ConfigureAwait(false);
        return ProviderTransport.Map(document, transport.CallFor("account", url), XtreamMapper.Account);
    }

    public IAsyncEnumerable<CatalogCategory> GetCategoriesAsync(CatalogKind kind, CancellationToken cancellationToken = default)
    {
        string action = kind switch
        {
            CatalogKind.Live => "get_live_categories",
            CatalogKind.Vod => "get_vod_categories",
            _ => "get_series_categories",
        };
        return transport.GetArrayAsync(Api(action), action, e => XtreamMapper.Category(kind, e), AccountObjectHint, cancellationToken);
    }

    /// <summary>
    /// Streams the live channels, movies or series of one category, or of the whole catalog when
    /// <paramref name="categoryId"/> is <see langword="null"/>. The same item may appear in several categories.
    /// </summary>
    public IAsyncEnumerable<CatalogItem> GetItemsAsync(CatalogKind kind, string? categoryId = null, CancellationToken cancellationToken = default)
    {
        string action = kind switch
        {
            CatalogKind.Live => "get_live_streams",
            CatalogKind.Vod => "get_vod_streams",
            _ => "get_series",
        };
        return transport.GetArrayAsync(Api(action, ("category_id", categoryId)), action, e => XtreamMapper.Item(kind, e), AccountObjectHint, cancellationToken);
    }

    /// <summary>Reads one series with its episodes grouped by season (<c>get_series_info</c>).</summary>
    public async Task<SeriesDetails> GetSeriesInfoAsync(string seriesId, CancellationToken cancellationToken = default)
    {
        const string action = "get_series_info";
        Uri url = Api(action, ("series_id", seriesId));
        ProviderCall call = transport.CallFor(action, url);
        using JsonDocument document = await transport.GetDocumentAsync(url, action, cancellationToken).ConfigureAwait(false);
        return ProviderTransport.Map(document, call, root => XtreamMapper.SeriesInfo(seriesId, root, (items, path, map) => transport.MapItems(items, call, path, map)));
    }

    /// <summary>Streams the account's M3U playlist (<c>get.php</c>).</summary>
    public async IAsyncEnumerable<M3uEntry> GetPlaylistAsync(string output = "ts", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Uri url = XtreamUrls.Playlist(baseUrl, options.Username, options.Password, output);
        ProviderCall call = transport.CallFor("get.php", url);
        using HttpResponseMessage response = await transport.GetAsync(url, call.Action, cancellationToken).ConfigureAwait(false);
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            IAsyncEnumerator<M3uEntry> entries = M3u.M3uParser.ParseAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (entries.ConfigureAwait(false))
            {
                while (true)
                {
                    try
                    {
                        if (!await entries.MoveNextAsync().ConfigureAwait(false))
                        {
                            yield break;
                        }
                    }
                    catch (InvalidDataException ex)
                    {
                        throw call.Error(ex.Message, inner: ex);
                    }

                    yield return entries.Current;
                }
            }
        }
    }

    /// <summary>Builds the playback URL of a channel, movie (<paramref name="extension"/> = container) or episode.</summary>
    public Uri BuildStreamUrl(CatalogKind kind, string streamId, string? extension = null) =>
        XtreamUrls.Stream(baseUrl, options.Username, options.Password, kind, streamId, extension);

    public Uri BuildStreamUrl(CatalogItem item) => BuildStreamUrl(item.Kind, item.ProviderId, item.ContainerExtension);

    public Uri BuildEpisodeUrl(SeriesEpisode episode) => BuildStreamUrl(CatalogKind.Series, episode.Id, episode.ContainerExtension);

    /// <summary>Redacts this account's credentials from <paramref name="text"/> (for callers logging URLs).</summary>
    public string Redact(string? text) => transport.Redact(text);

    private Uri Api(string? action, params (string Name, string? Value)[] parameters) =>
        XtreamUrls.Api(baseUrl, options.Username, options.Password, action, parameters);
}
