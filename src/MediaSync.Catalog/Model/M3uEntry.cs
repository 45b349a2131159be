namespace MediaSync.Catalog.Model;

/// <summary>One <c>#EXTINF</c> entry of an M3U playlist with its URL line.</summary>
internal sealed record M3uEntry
{
    public required string Name { get; init; }

    public required string Url { get; init; }

    public string? TvgId { get; init; }

    public string? TvgName { get; init; }

    public string? TvgLogo { get; init; }

    public string? GroupTitle { get; init; }

    /// <summary>Gets the <c>#EXTINF</c> duration; -1 for live streams.</summary>
    public double Duration { get; init; } = -1;

    /// <summary>Gets every attribute of the <c>#EXTINF</c> line, keys compared case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = EmptyAttributes;

    private static readonly IReadOnlyDictionary<string, string> EmptyAttributes =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
