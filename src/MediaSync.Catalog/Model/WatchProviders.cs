namespace MediaSync.Catalog.Model;

/// <summary>TMDb watch providers of one title, by ISO 3166-1 country code.</summary>
internal sealed record WatchProviders(string MediaType, long TmdbId, IReadOnlyDictionary<string, CountryWatchProviders> Countries);

/// <summary>Watch providers in one country; each list is empty when TMDb omits it.</summary>
internal sealed record CountryWatchProviders(
    string? Link,
    IReadOnlyList<WatchProvider> Flatrate,
    IReadOnlyList<WatchProvider> Rent,
    IReadOnlyList<WatchProvider> Buy,
    IReadOnlyList<WatchProvider> Ads,
    IReadOnlyList<WatchProvider> Free);

/// <summary>A streaming service as TMDb (JustWatch) names it.</summary>
internal sealed record WatchProvider(long Id, string Name, string? LogoPath, int? DisplayPriority);
