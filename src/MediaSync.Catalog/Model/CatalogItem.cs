namespace MediaSync.Catalog.Model;

/// <summary>
/// A live channel, movie or series as listed by an IPTV provider. Every field but the id and kind
/// is optional because real panels omit, blank or mistype all of them.
/// </summary>
internal sealed record CatalogItem
{
    public required CatalogKind Kind { get; init; }

    /// <summary>Gets the provider id: <c>stream_id</c> for live and movies, <c>series_id</c> for series.</summary>
    public required string ProviderId { get; init; }

    public string Name { get; init; } = string.Empty;

    public string? CategoryId { get; init; }

    /// <summary>Gets all categories the item sits in (newer panels); the same item can appear in several.</summary>
    public IReadOnlyList<string> CategoryIds { get; init; } = [];

    public string? IconUrl { get; init; }

    /// <summary>Gets when the provider added the item (<c>added</c>).</summary>
    public DateTimeOffset? Added { get; init; }

    /// <summary>Gets the provider's change stamp (<c>last_modified</c>, series only).</summary>
    public DateTimeOffset? LastModified { get; init; }

    public double? Rating { get; init; }

    /// <summary>Gets the file extension for movie URLs (<c>mkv</c>, <c>mp4</c>...).</summary>
    public string? ContainerExtension { get; init; }

    public string? TmdbId { get; init; }

    public string? EpgChannelId { get; init; }

    public bool IsAdult { get; init; }

    /// <summary>Gets whether catch-up (<c>tv_archive</c>) is available for a live channel.</summary>
    public bool HasArchive { get; init; }

    public int? Year { get; init; }
}
