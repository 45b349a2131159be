namespace MediaSync.Catalog.Model;

/// <summary>An episode on Jellyfin or Plex, carrying its show and season so a bulk listing rebuilds the tree.</summary>
internal sealed record TvEpisode
{
    public required string Id { get; init; }

    public string? ShowId { get; init; }

    public string? SeasonId { get; init; }

    public int? SeasonNumber { get; init; }

    public int? EpisodeNumber { get; init; }

    public string Name { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> ProviderIds { get; init; } = ProviderIdMap.Empty;

    public string? ChangeKey { get; init; }

    public DateTimeOffset? AddedAt { get; init; }

    public TimeSpan? RunTime { get; init; }
}
