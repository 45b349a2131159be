namespace MediaSync.Functions.Sources;

/// <summary>Every configured source by id, bound from the <c>Sources</c> section of the app's configuration.</summary>
internal sealed class SourcesOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sources";

    /// <summary>Gets the sources by id (lower-case letters, digits and '_': the id becomes part of table keys and instance ids).</summary>
    public Dictionary<string, SourceOptions> Sources { get; } = new(StringComparer.OrdinalIgnoreCase);
}
