using MediaSync.Functions.Sources;

namespace MediaSync.Functions.Sync.Tv;

/// <summary>Creates the <see cref="ITvServer"/> of a configured Jellyfin or Plex source inside an activity, so credentials never enter history.</summary>
internal sealed class TvServers(SourceDirectory sources, SourceClients clients)
{
    /// <summary>The server behind a source.</summary>
    /// <exception cref="UnknownSourceException">No such enabled source.</exception>
    /// <exception cref="InvalidOperationException">The source is not a Jellyfin or Plex source.</exception>
    public ITvServer For(string sourceId)
    {
        ConfiguredSource source = sources.Get(sourceId);
        IReadOnlyCollection<string> libraries = [.. source.Options.Libraries];
        return source.Kind switch
        {
            SourceKind.Jellyfin => new JellyfinTvServer(clients.Jellyfin(source), libraries),
            SourceKind.Plex => new PlexTvServer(clients.Plex(source), libraries),
            _ => throw new InvalidOperationException($"Source '{source.Id}' is a {source.Kind} source; the TV sync reads jellyfin and plex sources only."),
        };
    }
}
