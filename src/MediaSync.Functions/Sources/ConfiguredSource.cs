namespace MediaSync.Functions.Sources;

/// <summary>A source as the sync sees it: its id and settings. Never log it whole: the settings hold credentials.</summary>
/// <param name="Id">The source id (validated: lower-case letters, digits, '_').</param>
/// <param name="Options">The settings.</param>
internal sealed record ConfiguredSource(string Id, SourceOptions Options)
{
    /// <summary>Gets the kind.</summary>
    public SourceKind Kind => Options.Kind;

    /// <summary>Gets the values that must never reach a log line, an exception message or orchestration history.</summary>
    public IReadOnlyCollection<string> Secrets =>
        new[] { Options.Username, Options.Password, Options.ApiKey, Options.Token, Options.PlaylistUrl?.ToString() }
            .Where(s => !string.IsNullOrEmpty(s))
            .Select(s => s!)
            .ToArray();

    /// <summary>Describes the source for logs: id and kind, nothing secret.</summary>
    public override string ToString() => $"{Id} ({Kind})";
}
