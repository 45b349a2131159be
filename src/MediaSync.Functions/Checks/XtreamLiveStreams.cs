using MediaSync.Catalog.Model;
using MediaSync.Functions.Sources;

namespace MediaSync.Functions.Checks;

/// <summary>
/// Turns an (account, stream id) pair into the provider's live stream URL, built from the source's configuration.
/// The only place checks and the relay get a URL from: never from a request or from orchestration history.
/// </summary>
internal sealed class XtreamLiveStreams(SourceDirectory sources, SourceClients clients)
{
    private const int MaxStreamIdLength = 64;

    /// <summary>The enabled xtream source <paramref name="accountId"/>.</summary>
    /// <exception cref="UnknownSourceException">No such enabled source.</exception>
    /// <exception cref="ArgumentException">The source is not an xtream source.</exception>
    public ConfiguredSource Account(string accountId)
    {
        ConfiguredSource source = sources.Get(accountId);
        return source.Kind == SourceKind.Xtream
            ? source
            : throw new ArgumentException($"Source '{accountId}' is a {source.Kind} source; stream checks and the relay need an xtream source.", nameof(accountId));
    }

    /// <summary>Whether <paramref name="accountId"/> is an enabled xtream source.</summary>
    public bool IsAccount(string accountId) => sources.TryGet(accountId, out ConfiguredSource? source) && source.Kind == SourceKind.Xtream;

    /// <summary>The ids of every enabled xtream source.</summary>
    public IReadOnlyList<string> AllAccounts => sources.All.Where(s => s.Kind == SourceKind.Xtream).Select(s => s.Id).ToArray();

    /// <summary>The live stream URL (carries credentials: never log it, never return it).</summary>
    /// <exception cref="ArgumentException">The stream id is not a plain id.</exception>
    public Uri BuildUrl(string accountId, string streamId)
    {
        string problem = StreamIdProblem(streamId) ?? string.Empty;
        if (problem.Length > 0)
        {
            throw new ArgumentException(problem, nameof(streamId));
        }

        return clients.Xtream(Account(accountId)).BuildStreamUrl(CatalogKind.Live, streamId, "ts");
    }

    /// <summary>Why <paramref name="streamId"/> is not a plain provider id, or null when it is.</summary>
    public static string? StreamIdProblem(string? streamId) =>
        string.IsNullOrEmpty(streamId) || streamId.Length > MaxStreamIdLength || !streamId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? $"A stream id must be 1-{MaxStreamIdLength} ASCII letters, digits, '_' or '-' (got '{Truncate(streamId)}')."
            : null;

    private static string Truncate(string? value) => value is null ? string.Empty : value.Length > 80 ? value[..80] + "…" : value;
}
