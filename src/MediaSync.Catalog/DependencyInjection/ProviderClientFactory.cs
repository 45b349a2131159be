using MediaSync.Catalog.Dispatcharr;
using MediaSync.Catalog.Jellyfin;
using MediaSync.Catalog.Plex;
using MediaSync.Catalog.Tmdb;
using MediaSync.Catalog.Xtream;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Catalog.DependencyInjection;

/// <summary>The <see cref="IProviderClientFactory"/> over named, resilient <see cref="HttpClient"/>s.</summary>
internal sealed class ProviderClientFactory(
    IHttpClientFactory httpClients,
    ILoggerFactory loggers,
    TimeProvider time,
    IOptionsMonitor<XtreamClientOptions> xtream,
    IOptionsMonitor<JellyfinClientOptions> jellyfin,
    IOptionsMonitor<PlexClientOptions> plex,
    IOptionsMonitor<TmdbClientOptions> tmdb,
    IOptionsMonitor<DispatcharrClientOptions> dispatcharr) : IProviderClientFactory
{
    public XtreamClient CreateXtream(Uri baseUrl, string username, string password)
    {
        XtreamClientOptions template = xtream.CurrentValue;
        var options = new XtreamClientOptions
        {
            BaseUrl = baseUrl,
            Username = username,
            Password = password,
            UserAgent = template.UserAgent,
            ResponseBodyTimeout = template.ResponseBodyTimeout,
            MaxDocumentBytes = template.MaxDocumentBytes,
            ThrowOnInvalidItem = template.ThrowOnInvalidItem,
            Resilience = template.Resilience,
        };
        return CreateXtream(options);
    }

    public XtreamClient CreateXtream(XtreamClientOptions options) =>
        new(httpClients.CreateClient(XtreamClient.ProviderName), options, loggers.CreateLogger<XtreamClient>(), time);

    public JellyfinClient CreateJellyfin(JellyfinClientOptions? options = null) =>
        new(httpClients.CreateClient(JellyfinClient.ProviderName), options ?? jellyfin.CurrentValue, loggers.CreateLogger<JellyfinClient>(), time);

    public PlexClient CreatePlex(PlexClientOptions? options = null) =>
        new(httpClients.CreateClient(PlexClient.ProviderName), options ?? plex.CurrentValue, loggers.CreateLogger<PlexClient>(), time);

    public TmdbClient CreateTmdb(TmdbClientOptions? options = null) =>
        new(httpClients.CreateClient(TmdbClient.ProviderName), options ?? tmdb.CurrentValue, loggers.CreateLogger<TmdbClient>(), time);

    public DispatcharrClient CreateDispatcharr(DispatcharrClientOptions? options = null) =>
        new(httpClients.CreateClient(DispatcharrClient.ProviderName), options ?? dispatcharr.CurrentValue, loggers.CreateLogger<DispatcharrClient>(), time);
}
