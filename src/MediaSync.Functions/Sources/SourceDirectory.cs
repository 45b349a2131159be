using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Sources;

/// <summary>The configured sources, looked up by id. Activities resolve credentials here, so they never travel through history.</summary>
internal sealed class SourceDirectory(IOptionsMonitor<SourcesOptions> options)
{
    /// <summary>Gets every enabled source, ordered by id.</summary>
    public IReadOnlyList<ConfiguredSource> All =>
        options.CurrentValue.Sources
            .Where(s => s.Value.Enabled)
            .Select(s => new ConfiguredSource(s.Key.ToLowerInvariant(), s.Value))
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Finds an enabled source.</summary>
    public bool TryGet(string sourceId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConfiguredSource? source)
    {
        if (options.CurrentValue.Sources.TryGetValue(sourceId, out SourceOptions? found) && found.Enabled)
        {
            source = new ConfiguredSource(sourceId.ToLowerInvariant(), found);
            return true;
        }

        source = null;
        return false;
    }

    /// <summary>Gets an enabled source.</summary>
    /// <exception cref="UnknownSourceException">No such enabled source.</exception>
    public ConfiguredSource Get(string sourceId) =>
        TryGet(sourceId, out ConfiguredSource? source) ? source : throw new UnknownSourceException(sourceId);
}
