using MediaSync.Catalog.Dispatcharr;
using MediaSync.Catalog.Jellyfin;
using MediaSync.Catalog.Plex;
using MediaSync.Catalog.Tmdb;
using MediaSync.Catalog.Xtream;

namespace MediaSync.Catalog.DependencyInjection;

/// <summary>
/// Creates provider clients at run time, one per configured source or account, over pooled handlers
/// from <c>IHttpClientFactory</c>. Resilience (limits, retries, breaker) comes from the provider's
/// configured options and is shared per provider host; the options passed here supply the
/// connection (base URL, credentials) and per-client settings.
/// </summary>
internal interface IProviderClientFactory
{
    XtreamClient CreateXtream(Uri baseUrl, string username, string password);

    XtreamClient CreateXtream(XtreamClientOptions options);

    /// <summary>Creates a Jellyfin client; <see langword="null"/> uses the configured server.</summary>
    JellyfinClient CreateJellyfin(JellyfinClientOptions? options = null);

    /// <summary>Creates a Plex client; <see langword="null"/> uses the configured server.</summary>
    PlexClient CreatePlex(PlexClientOptions? options = null);

    /// <summary>Creates a TMDb client; <see langword="null"/> uses the configured credentials.</summary>
    TmdbClient CreateTmdb(TmdbClientOptions? options = null);

    /// <summary>Creates a Dispatcharr client; <see langword="null"/> uses the configured instance.</summary>
    DispatcharrClient CreateDispatcharr(DispatcharrClientOptions? options = null);
}
