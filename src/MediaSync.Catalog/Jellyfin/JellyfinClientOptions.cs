using System.ComponentModel.DataAnnotations;
using MediaSync.Catalog.Providers;

namespace MediaSync.Catalog.Jellyfin;

/// <summary>One Jellyfin server and the API key the sync uses.</summary>
internal sealed class JellyfinClientOptions : ProviderClientOptions
{
    public const string SectionName = "Providers:Jellyfin";

    /// <summary>Gets or sets the API key or user access token (secret), sent as <c>MediaBrowser Token</c>.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Gets or sets the user whose view to read; empty uses the key's scope (all libraries for an API key).</summary>
    public string? UserId { get; set; }

    /// <summary>Gets or sets the page size of library-wide listings.</summary>
    /// <value>Defaults to 500.</value>
    [Range(1, 10_000)]
    public int PageSize { get; set; } = 500;

    /// <summary>Gets or sets the device id reported to the server.</summary>
    /// <value>Defaults to <c>mediasync</c>.</value>
    public string DeviceId { get; set; } = "mediasync";

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> Secrets => [ApiKey];

    /// <inheritdoc/>
    public override IEnumerable<string> Validate()
    {
        foreach (string problem in base.Validate())
        {
            yield return problem;
        }

        if (string.IsNullOrEmpty(ApiKey))
        {
            yield return "ApiKey is required.";
        }
    }
}
