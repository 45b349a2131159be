namespace MediaSync.Catalog.Model;

/// <summary>TMDb movie or TV details fetched together with watch providers in one call.</summary>
internal sealed record TmdbTitleDetails
{
    public required string MediaType { get; init; }

    public required long Id { get; init; }

    public string? Title { get; init; }

    public string? OriginalTitle { get; init; }

    /// <summary>Gets <c>release_date</c> for movies or <c>first_air_date</c> for TV.</summary>
    public string? ReleaseDate { get; init; }

    public string? PosterPath { get; init; }

    public double? VoteAverage { get; init; }

    public string? ImdbId { get; init; }

    public required WatchProviders WatchProviders { get; init; }
}
