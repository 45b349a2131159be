using MediaSync.Catalog.Providers;

namespace MediaSync.Catalog.Tmdb;

/// <summary>TMDb v3 access: a read access token (preferred) or a v3 API key, and the rate limit to keep.</summary>
internal sealed class TmdbClientOptions : ProviderClientOptions
{
    public const string SectionName = "Providers:Tmdb";

    /// <summary>Initializes a new instance of the <see cref="TmdbClientOptions"/> class with TMDb's defaults.</summary>
    public TmdbClientOptions()
    {
        BaseUrl = new Uri("https://api.themoviedb.org/3");

        // TMDb's soft ceiling is ~40-50 requests/s per IP with ~20 connections; stay under both.
        Resilience.RequestsPerSecond = 40;
        Resilience.MaxConcurrency = 16;
        Resilience.AttemptTimeout = TimeSpan.FromSeconds(15);
        Resilience.TotalTimeout = TimeSpan.FromMinutes(1);
        Resilience.BreakerSamplingDuration = TimeSpan.FromSeconds(30);
        Resilience.BreakerMinimumThroughput = 20;
    }

    /// <summary>Gets or sets the API read access token, sent as a bearer token (secret).</summary>
    public string? ReadAccessToken { get; set; }

    /// <summary>Gets or sets the v3 API key, sent as <c>api_key</c> when no read access token is set (secret).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the language of details (ISO 639-1 with optional region), or none for TMDb's default.</summary>
    public string? Language { get; set; }

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> Secrets => [ReadAccessToken ?? string.Empty, ApiKey ?? string.Empty];

    /// <inheritdoc/>
    public override IEnumerable<string> Validate()
    {
        foreach (string problem in base.Validate())
        {
            yield return problem;
        }

        if (string.IsNullOrEmpty(ReadAccessToken) && string.IsNullOrEmpty(ApiKey))
        {
            yield return "ReadAccessToken or ApiKey is required.";
        }
    }
}
