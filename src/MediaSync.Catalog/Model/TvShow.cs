namespace MediaSync.Catalog.Model;

/// <summary>A TV show on Jellyfin or Plex. <see cref="ChangeKey"/> is the Jellyfin Etag or the Plex <c>updatedAt</c>.</summary>
internal sealed record TvShow
{
    public required string Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public int? Year { get; init; }

    /// <summary>Gets external ids by provider name (<c>Tmdb</c>, <c>Tvdb</c>, <c>Imdb</c>), case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> ProviderIds { get; init; } = ProviderIdMap.Empty;

    public string? ChangeKey { get; init; }

    public DateTimeOffset? AddedAt { get; init; }
}
