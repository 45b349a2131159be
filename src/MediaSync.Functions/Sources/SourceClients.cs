using MediaSync.Catalog.DependencyInjection;
using MediaSync.Catalog.Jellyfin;
using MediaSync.Catalog.Plex;
using MediaSync.Catalog.Xtream;

namespace MediaSync.Functions.Sources;

/// <summary>Creates the provider client of a configured source; resilience and limits come from <c>Providers:{Name}</c>.</summary>
internal sealed class SourceClients(IProviderClientFactory factory)
{
    /// <summary>The Xtream client of an xtream source.</summary>
    public XtreamClient Xtream(ConfiguredSource source)
    {
        Expect(source, SourceKind.Xtream);
        return factory.CreateXtream(source.Options.BaseUrl!, source.Options.Username!, source.Options.Password!);
    }

    /// <summary>The Jellyfin client of a jellyfin source.</summary>
    public JellyfinClient Jellyfin(ConfiguredSource source)
    {
        Expect(source, SourceKind.Jellyfin);
        return factory.CreateJellyfin(new JellyfinClientOptions
        {
            BaseUrl = source.Options.BaseUrl,
            ApiKey = source.Options.ApiKey!,
            UserId = source.Options.UserId,
        });
    }

    /// <summary>The Plex client of a plex source.</summary>
    public PlexClient Plex(ConfiguredSource source)
    {
        Expect(source, SourceKind.Plex);
        return factory.CreatePlex(new PlexClientOptions { BaseUrl = source.Options.BaseUrl, Token = source.Options.Token! });
    }

    private static void Expect(ConfiguredSource source, SourceKind kind)
    {
        if (source.Kind != kind)
        {
            throw new InvalidOperationException($"Source '{source.Id}' is a {source.Kind} source, not {kind}.");
        }
    }
}
