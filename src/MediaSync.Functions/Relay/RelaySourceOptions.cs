namespace MediaSync.Functions.Relay;

/// <summary>Which source's live channels the relay serves, bound from the <c>Relay</c> section (<c>Relay__Source</c>).</summary>
internal sealed class RelaySourceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Relay";

    /// <summary>Gets or sets the xtream source id whose catalog live channels <c>GET /api/streams/{id}/live</c> serves; none = the only xtream source.</summary>
    /// <value>Default none.</value>
    public string? Source { get; set; }
}
