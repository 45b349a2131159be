using System.ComponentModel.DataAnnotations;

namespace MediaSync.Hosting.Configuration;

/// <summary>host.json <c>extensions.http</c>.</summary>
internal sealed class HttpHostOptions
{
    /// <summary>Gets or sets the prefix of every HTTP function route; an empty string removes it.</summary>
    /// <value>Defaults to <c>api</c>.</value>
    [RegularExpression("^[A-Za-z0-9_\\-/]*$", ErrorMessage = "may hold only letters, digits, '-', '_' and '/'")]
    public string RoutePrefix { get; set; } = "api";

    /// <summary>The prefix as a path (<c>/api</c>, or empty).</summary>
    public string PathPrefix => RoutePrefix.Trim('/').Length == 0 ? string.Empty : "/" + RoutePrefix.Trim('/');
}
