using MediaSync.Catalog.Tmdb;

namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>A title to enrich: its TMDb media type and id.</summary>
internal sealed record TmdbTitle(TmdbMediaType Type, long Id)
{
    /// <summary>The Providers partition: <c>tmdb-movie</c> or <c>tmdb-tv</c>.</summary>
    public string Partition => Type == TmdbMediaType.Movie ? "tmdb-movie" : "tmdb-tv";

    /// <summary>The Providers row key.</summary>
    public string RowKey => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => $"{Partition}/{RowKey}";
}
