namespace MediaSync.Catalog.Model;

/// <summary>A Dispatcharr stream (one provider URL of an M3U account).</summary>
internal sealed record DispatcharrStream
{
    public required long Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string? Url { get; init; }

    public long? AccountId { get; init; }

    public string? TvgId { get; init; }

    public string? LogoUrl { get; init; }

    public string? ChannelGroup { get; init; }

    public string? StreamHash { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public bool IsStale { get; init; }
}
