using System.Net;
using System.Net.Http.Headers;
using MediaSync.Catalog.Json;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaSync.Catalog.Tmdb;

/// <summary>
/// Typed TMDb v3 client for watch-provider enrichment. Details come with
/// <c>append_to_response=watch/providers</c> so one HTTP call gives both. Requests are rate-limited
/// (token bucket, default 40/s) and a 429 is retried after its <c>Retry-After</c>.
/// </summary>
internal sealed class TmdbClient
{
    public const string ProviderName = "TMDb";

    private readonly TmdbClientOptions options;
    private readonly ProviderTransport transport;

    public TmdbClient(HttpClient http, TmdbClientOptions options, ILogger<TmdbClient>? logger = null, TimeProvider? timeProvider = null)
    {
        transport = new ProviderTransport(ProviderName, http, options, logger ?? NullLogger<TmdbClient>.Instance, timeProvider ?? TimeProvider.System);
        this.options = options;
    }

    /// <summary>Reads the watch providers of a title in every country; <see langword="null"/> when TMDb does not know the id.</summary>
    public async Task<WatchProviders?> GetWatchProvidersAsync(TmdbMediaType mediaType, long id, CancellationToken cancellationToken = default)
    {
        Uri url = Url($"{Segment(mediaType)}/{id.ToString(CultureInfo.InvariantCulture)}/watch/providers", null);
        using JsonDocument? document = await GetOrNull(url, "watch-providers", cancellationToken).ConfigureAwait(false);
        return document is null
            ? null
            : ProviderTransport.Map(document, transport.CallFor("watch-providers", url), root => Providers(mediaType, id, Flex.EnsureObject(root)));
    }

    /// <summary>Reads details and watch providers in one call; <see langword="null"/> when TMDb does not know the id.</summary>
    public async Task<TmdbTitleDetails?> GetDetailsWithWatchProvidersAsync(TmdbMediaType mediaType, long id, CancellationToken cancellationToken = default)
    {
        string language = string.IsNullOrEmpty(options.Language) ? string.Empty : "&language=" + Uri.EscapeDataString(options.Language);
        Uri url = Url($"{Segment(mediaType)}/{id.ToString(CultureInfo.InvariantCulture)}", "append_to_response=watch/providers,external_ids" + language);
        using JsonDocument? document = await GetOrNull(url, "details", cancellationToken).ConfigureAwait(false);
        return document is null
            ? null
            : ProviderTransport.Map(document, transport.CallFor("details", url), root => Details(mediaType, id, Flex.EnsureObject(root)));
    }

    private async Task<JsonDocument?> GetOrNull(Uri url, string action, CancellationToken cancellationToken)
    {
        try
        {
            return await transport.GetDocumentAsync(url, action, cancellationToken, Authorize).ConfigureAwait(false);
        }
        catch (ProviderResponseException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // TMDb code 34: unknown id. A miss is an answer the caller caches, not a failure.
            return null;
        }
    }

    private Uri Url(string path, string? query)
    {
        string apiKey = string.IsNullOrEmpty(options.ReadAccessToken) ? "api_key=" + Uri.EscapeDataString(options.ApiKey!) : string.Empty;
        string all = string.Join('&', new[] { query, apiKey }.Where(q => !string.IsNullOrEmpty(q)));
        return options.Resolve(all.Length == 0 ? path : $"{path}?{all}");
    }

    private void Authorize(HttpRequestHeaders headers)
    {
        if (!string.IsNullOrEmpty(options.ReadAccessToken))
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ReadAccessToken);
        }

        headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    private static string Segment(TmdbMediaType type) => type == TmdbMediaType.Movie ? "movie" : "tv";

    private static TmdbTitleDetails Details(TmdbMediaType type, long id, JsonElement root)
    {
        JsonElement? providers = Flex.Object(root, "watch/providers");
        JsonElement? external = Flex.Object(root, "external_ids");
        return new TmdbTitleDetails
        {
            MediaType = Segment(type),
            Id = Flex.Int64(root, "id") ?? id,
            Title = Flex.String(root, "title", "name"),
            OriginalTitle = Flex.String(root, "original_title", "original_name"),
            ReleaseDate = Flex.String(root, "release_date", "first_air_date"),
            PosterPath = Flex.String(root, "poster_path"),
            VoteAverage = Flex.Double(root, "vote_average"),
            ImdbId = Flex.String(root, "imdb_id") ?? (external is { } e ? Flex.String(e, "imdb_id") : null),
            WatchProviders = providers is { } p ? Providers(type, id, p) : new WatchProviders(Segment(type), id, new Dictionary<string, CountryWatchProviders>()),
        };
    }

    private static WatchProviders Providers(TmdbMediaType type, long id, JsonElement root)
    {
        var countries = new Dictionary<string, CountryWatchProviders>(StringComparer.OrdinalIgnoreCase);
        if (Flex.Object(root, "results") is { } results)
        {
            foreach (JsonProperty country in results.EnumerateObject())
            {
                if (country.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonFieldException($"results.{country.Name}", $"'results.{country.Name}' is {Flex.Describe(country.Value.ValueKind)}, expected an object");
                }

                JsonElement c = country.Value;
                countries[country.Name] = new CountryWatchProviders(
                    Flex.String(c, "link"),
                    List(c, "flatrate"),
                    List(c, "rent"),
                    List(c, "buy"),
                    List(c, "ads"),
                    List(c, "free"));
            }
        }

        return new WatchProviders(Segment(type), Flex.Int64(root, "id") ?? id, countries);
    }

    private static List<WatchProvider> List(JsonElement country, string name) =>
        Flex.Array(country, name)
            .Where(p => p.ValueKind == JsonValueKind.Object && Flex.Int64(p, "provider_id") is not null)
            .Select(p => new WatchProvider(Flex.RequiredInt64(p, "provider_id"), Flex.String(p, "provider_name") ?? string.Empty, Flex.String(p, "logo_path"), Flex.Int32(p, "display_priority")))
            .ToList();
}
