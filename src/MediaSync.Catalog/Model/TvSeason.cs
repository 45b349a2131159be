namespace MediaSync.Catalog.Model;

/// <summary>A season of a <see cref="TvShow"/>.</summary>
internal sealed record TvSeason
{
    public required string Id { get; init; }

    public required string ShowId { get; init; }

    public int? SeasonNumber { get; init; }

    public string Name { get; init; } = string.Empty;

    public string? ChangeKey { get; init; }
}
