namespace MediaSync.Catalog.Tmdb;

/// <summary>The two TMDb title kinds that have watch providers.</summary>
internal enum TmdbMediaType
{
    Movie,
    Tv,
}
