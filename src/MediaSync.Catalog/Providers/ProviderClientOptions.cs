using System.ComponentModel.DataAnnotations;
using MediaSync.Catalog.Resilience;

namespace MediaSync.Catalog.Providers;

/// <summary>Settings every provider client shares: where it calls, how it identifies, how long it waits.</summary>
internal abstract class ProviderClientOptions
{
    /// <summary>Gets or sets the provider's base URL; the only host the client calls (besides URLs the provider's catalog returns).</summary>
    /// <value>No default except for TMDb.</value>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets the User-Agent; some IPTV panels reject unknown agents.</summary>
    /// <value>Defaults to a desktop VLC string.</value>
    public string UserAgent { get; set; } = "VLC/3.0.20 LibVLC/3.0.20";

    /// <summary>Gets or sets how long reading one response body may take (big catalog lists take minutes).</summary>
    /// <value>Defaults to 3 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ResponseBodyTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Gets or sets the largest single list element or JSON document accepted, in bytes.</summary>
    /// <value>Defaults to 64 MiB.</value>
    [Range(1024, int.MaxValue)]
    public int MaxDocumentBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Gets or sets a value indicating whether an unusable list item fails the whole call; by default it
    /// is logged, counted and skipped so one bad row never loses a batch.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool ThrowOnInvalidItem { get; set; }

    /// <summary>Gets or sets the resilience pipeline settings of this provider.</summary>
    public ProviderResilienceOptions Resilience { get; set; } = new();

    /// <summary>Returns every problem with these options; empty when valid.</summary>
    public virtual IEnumerable<string> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        foreach (ValidationResult result in results)
        {
            yield return result.ErrorMessage ?? "invalid value";
        }

        if (BaseUrl is null)
        {
            yield return "BaseUrl is required.";
        }
        else if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            yield return "BaseUrl must be an absolute http or https URL.";
        }

        foreach (string problem in Resilience.Validate())
        {
            yield return "Resilience: " + problem;
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem, naming <paramref name="provider"/>.</summary>
    public void ThrowIfInvalid(string provider)
    {
        string[] problems = Validate().ToArray();
        if (problems.Length > 0)
        {
            throw new ArgumentException($"{provider} client options are invalid: {string.Join(" ", problems)}");
        }
    }

    /// <summary>Gets the secrets this configuration holds, for redaction.</summary>
    public abstract IReadOnlyCollection<string> Secrets { get; }

    /// <summary>Appends <paramref name="relative"/> (no leading slash) to the base URL, keeping any base path.</summary>
    public Uri Resolve(string relative)
    {
        string root = BaseUrl!.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(root + "/" + relative.TrimStart('/'), UriKind.Absolute);
    }
}
