using MediaSync.Functions.Checks;
using MediaSync.Streams;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Relay;

/// <summary>
/// The relay's <see cref="IStreamSourceResolver"/>: a stream id is served only when it is a live channel in the catalog
/// (Items rows) of the relay's xtream source, and its upstream URL is built from that source's configuration — never
/// taken from the request.
/// </summary>
internal sealed class CatalogStreamSourceResolver(XtreamLiveStreams streams, LiveChannelIndex channels, IOptionsMonitor<RelaySourceOptions> options) : IStreamSourceResolver
{
    /// <inheritdoc />
    public async ValueTask<StreamSource?> ResolveAsync(string streamId, CancellationToken cancellationToken)
    {
        if (XtreamLiveStreams.StreamIdProblem(streamId) is not null || Account() is not { } account)
        {
            return null;
        }

        return await channels.ContainsAsync(account, streamId, cancellationToken).ConfigureAwait(false)
            ? new StreamSource(streams.BuildUrl(account, streamId), account)
            : null;
    }

    private string? Account()
    {
        string? configured = options.CurrentValue.Source;
        if (configured is not null)
        {
            return streams.IsAccount(configured) ? configured.ToLowerInvariant() : null;
        }

        return streams.AllAccounts is [string only] ? only : null;
    }
}
