namespace MediaSync.Hosting;

/// <summary>Host identity, resolved from <c>AzureFunctionsWebHost:hostid</c> or the application name.</summary>
internal sealed class FunctionsHostOptions
{
    /// <summary>Gets or sets the id that separates this app's timer locks and status blobs from other apps on the same account.</summary>
    /// <value>Defaults to the lower-cased application name (letters, digits and '-', at most 32 characters).</value>
    public string HostId { get; set; } = "functions-host";

    /// <summary>Gets or sets the container for timer locks and status (the Functions host's own container name).</summary>
    /// <value>Defaults to <c>azure-webjobs-hosts</c>.</value>
    public string HostsContainer { get; set; } = "azure-webjobs-hosts";

    public static string SanitizeHostId(string name)
    {
        string id = new(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        id = id.Trim('-');
        return id.Length == 0 ? "functions-host" : id[..Math.Min(id.Length, 32)];
    }
}
