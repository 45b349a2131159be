using System.ComponentModel.DataAnnotations;
using MediaSync.Catalog.Providers;

namespace MediaSync.Catalog.Dispatcharr;

/// <summary>A Dispatcharr instance: an API key (preferred for a service) or a user login for JWTs.</summary>
internal sealed class DispatcharrClientOptions : ProviderClientOptions
{
    public const string SectionName = "Providers:Dispatcharr";

    /// <summary>Gets or sets the API key, sent as <c>X-API-Key</c> (secret). When set, no login happens.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the user name for <c>/api/accounts/token/</c>.</summary>
    public string? Username { get; set; }

    /// <summary>Gets or sets the password for <c>/api/accounts/token/</c> (secret).</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Gets or sets how long an access token is used before it is refreshed; Dispatcharr issues
    /// 30-minute tokens and throttles logins to 3 a minute, so the token is cached and refreshed early.
    /// </summary>
    /// <value>Defaults to 25 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(25);

    /// <summary>Gets or sets how long a refresh token is used before logging in again.</summary>
    /// <value>Defaults to 23 hours (Dispatcharr's refresh tokens live one day).</value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(23);

    /// <summary>Gets or sets the page size of stream listings (Dispatcharr allows up to 10,000).</summary>
    /// <value>Defaults to 500.</value>
    [Range(1, 10_000)]
    public int PageSize { get; set; } = 500;

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> Secrets => [ApiKey ?? string.Empty, Password ?? string.Empty];

    /// <inheritdoc/>
    public override IEnumerable<string> Validate()
    {
        foreach (string problem in base.Validate())
        {
            yield return problem;
        }

        if (string.IsNullOrEmpty(ApiKey) && (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(Password)))
        {
            yield return "ApiKey, or Username and Password, are required.";
        }
    }
}
