namespace MediaSync.Catalog.Model;

/// <summary>One episode of an Xtream series; <see cref="Id"/> is the stream id used in the episode URL.</summary>
internal sealed record SeriesEpisode
{
    public required string SeriesId { get; init; }

    public required int Season { get; init; }

    public int? EpisodeNumber { get; init; }

    public required string Id { get; init; }

    public string Title { get; init; } = string.Empty;

    public string? ContainerExtension { get; init; }

    public DateTimeOffset? Added { get; init; }

    public int? DurationSeconds { get; init; }

    public string? TmdbId { get; init; }

    public string? Plot { get; init; }
}
