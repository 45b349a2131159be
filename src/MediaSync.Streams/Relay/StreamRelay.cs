using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Streams;

/// <summary>
/// Relays live streams to many viewers over one upstream connection per stream. The first viewer
/// of a stream takes a viewer slot of its account (refused at once when none is free); later
/// viewers share the running upstream. Register as a singleton.
/// </summary>
internal sealed class StreamRelay : IAsyncDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> registered for upstreams.</summary>
    public const string HttpClientName = "MediaSync.Streams.Relay";

    private readonly Lock sync = new();
    private readonly Dictionary<string, RelaySession> sessions = new(StringComparer.Ordinal);
    private readonly HttpClient http;
    private readonly IViewerSlotGate gate;
    private readonly IStreamSourceResolver resolver;
    private readonly StreamRelayOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<StreamRelay> logger;
    private long lastViewerId;
    private bool disposed;

    /// <summary>Creates the relay.</summary>
    public StreamRelay(HttpClient http, IViewerSlotGate gate, IStreamSourceResolver resolver, IOptions<StreamRelayOptions> options, TimeProvider time, ILogger<StreamRelay> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.http = http;
        this.gate = gate;
        this.resolver = resolver;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>
    /// The upstream handler: redirects followed automatically but bounded (panels redirect to load
    /// balancers), and no draining of an abandoned body, so a closed upstream frees the provider's
    /// connection at once.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(StreamRelayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new()
        {
            AllowAutoRedirect = options.MaxRedirects > 0,
            MaxAutomaticRedirections = Math.Max(1, options.MaxRedirects),
            MaxResponseDrainSize = 0,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
    }

    /// <summary>
    /// Joins <paramref name="streamId"/>: shares its running upstream, or starts one (taking a
    /// viewer slot). A joined viewer must be run with <see cref="RelayViewer.CopyToAsync"/>, which
    /// also removes it.
    /// </summary>
    public async Task<RelayJoinResult> JoinAsync(string streamId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        while (true)
        {
            RelaySession session;
            Task? startNow = null;
            lock (sync)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                if (!sessions.TryGetValue(streamId, out RelaySession? existing) || existing.IsClosed)
                {
                    session = new RelaySession(streamId, options, http, gate, resolver, time, logger, Forget, () => Interlocked.Increment(ref lastViewerId));
                    sessions[streamId] = session;
                    startNow = existing?.Completion ?? Task.CompletedTask;
                }
                else
                {
                    session = existing;
                }
            }

            if (startNow is not null)
            {
                // The session outlives this request: the first viewer giving up must not stop it for the others.
                _ = Task.Run(() => session.RunAsync(startNow), CancellationToken.None);
            }

            RelayJoinResult? failure = await session.Started.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }

            RelayViewer? viewer = session.TryAddViewer();
            if (viewer is not null)
            {
                return RelayJoinResult.Joined(viewer);
            }

            // The session closed between starting and joining: start over with a fresh one.
        }
    }

    /// <summary>Snapshots of every stream being relayed.</summary>
    public IReadOnlyList<RelayStreamStats> GetStats()
    {
        lock (sync)
        {
            return sessions.Values.Select(s => s.GetStats()).ToList();
        }
    }

    /// <summary>The snapshot of one stream, or null when it is not relayed now.</summary>
    public RelayStreamStats? GetStats(string streamId)
    {
        lock (sync)
        {
            return sessions.TryGetValue(streamId, out RelaySession? session) ? session.GetStats() : null;
        }
    }

    /// <summary>Closes every upstream and waits until their slots are released.</summary>
    public async ValueTask DisposeAsync()
    {
        List<RelaySession> open;
        lock (sync)
        {
            disposed = true;
            open = [.. sessions.Values];
        }

        foreach (var session in open)
        {
            session.Close("relay shutting down");
        }

        await Task.WhenAll(open.Select(s => s.Completion)).ConfigureAwait(false);
    }

    private void Forget(RelaySession session)
    {
        lock (sync)
        {
            if (sessions.TryGetValue(session.StreamId, out RelaySession? current) && ReferenceEquals(current, session))
            {
                sessions.Remove(session.StreamId);
            }
        }
    }
}
