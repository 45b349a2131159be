namespace MediaSync.Catalog.Model;

/// <summary>Season metadata from <c>get_series_info</c>; often missing even when episodes exist.</summary>
internal sealed record SeriesSeason(int SeasonNumber, string? Name, int? EpisodeCount, string? AirDate, string? CoverUrl);
