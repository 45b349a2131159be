using System.ComponentModel.DataAnnotations;
using MediaSync.Catalog.Providers;

namespace MediaSync.Catalog.Plex;

/// <summary>One Plex Media Server and its token.</summary>
internal sealed class PlexClientOptions : ProviderClientOptions
{
    public const string SectionName = "Providers:Plex";

    /// <summary>Gets or sets the <c>X-Plex-Token</c> (secret).</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Gets or sets the stable client identifier of this install.</summary>
    /// <value>Defaults to <c>mediasync</c>.</value>
    public string ClientIdentifier { get; set; } = "mediasync";

    /// <summary>Gets or sets the container size of paged listings.</summary>
    /// <value>Defaults to 200 (PMS is SQLite-backed; pages of 100–500 keep it responsive).</value>
    [Range(1, 10_000)]
    public int PageSize { get; set; } = 200;

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> Secrets => [Token];

    /// <inheritdoc/>
    public override IEnumerable<string> Validate()
    {
        foreach (string problem in base.Validate())
        {
            yield return problem;
        }

        if (string.IsNullOrEmpty(Token))
        {
            yield return "Token is required.";
        }
    }
}
