using MediaSync.Catalog.Providers;

namespace MediaSync.Catalog.Xtream;

/// <summary>One Xtream Codes account: the panel URL (as pasted by a user) and its login.</summary>
internal sealed class XtreamClientOptions : ProviderClientOptions
{
    public const string SectionName = "Providers:Xtream";

    /// <summary>Initializes a new instance of the <see cref="XtreamClientOptions"/> class with Xtream's defaults.</summary>
    public XtreamClientOptions()
    {
        // Whole-catalog lists are tens of MB and panels answer slowly; parallel calls get accounts banned.
        Resilience.AttemptTimeout = TimeSpan.FromSeconds(90);
        Resilience.TotalTimeout = TimeSpan.FromMinutes(5);
        Resilience.BreakerSamplingDuration = TimeSpan.FromMinutes(3);
        Resilience.MaxConcurrency = 3;
    }

    /// <summary>Gets or sets the account user name (secret: it appears in every URL).</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>Gets or sets the account password (secret).</summary>
    public string Password { get; set; } = string.Empty;

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> Secrets => [Username, Password];

    /// <inheritdoc/>
    public override IEnumerable<string> Validate()
    {
        foreach (string problem in base.Validate())
        {
            yield return problem;
        }

        if (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(Password))
        {
            yield return "Username and Password are required.";
        }
    }
}
