using MediaSync.Catalog.Providers;

namespace MediaSync.Catalog.Xtream;

/// <summary>One Xtream Codes account: the panel URL (as pasted by a user) and its login.</summary>
internal sealed class XtreamClientOptions : ProviderClientOptions
{
    public const string SectionName = "Providers:Xtream";

    /// <summary>Initializes a new instance of the <see cref="XtreamClientOptions"/> class with Xtream's defaults.</summary>
    public XtreamClientOptions()
    {
        // Whole-catalog lists are tens of MB and panels answer slowly; hammering gets accounts banned, so API
        // concurrency stays at the 2-4 panels tolerate. 4 matches the sync's default request budget per account
        // (Sync:MaxApiConnections): a lower cap here queued every fourth call the sync had granted a connection for.
        Resilience.AttemptTimeout = TimeSpan.FromSeconds(90);
        Resilience.TotalTimeout = TimeSpan.FromMinutes(5);
        Resilience.BreakerSamplingDuration = TimeSpan.FromMinutes(3);
        Resilience.MaxConcurrency = 4;
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
