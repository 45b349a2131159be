using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using Microsoft.Extensions.Logging;

namespace MediaSync.Streams;

/// <summary>
/// One upstream connection of one stream and the viewers sharing it. Lifecycle: resolve the
/// source → take a viewer slot → open the upstream → pump chunks to viewers (renewing the lease)
/// → close when the upstream ends, the lease is lost, or the grace period after the last viewer
/// passes → release the slot. The session lock guards only the viewer list and the state; nothing
/// awaits under it, and the publisher reads the list as an immutable snapshot.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The lifetime source has no timer; other threads may still cancel it after the session ends, so it is never disposed.")]
internal sealed class RelaySession
{
    private static readonly TimeSpan MaxRoomWait = TimeSpan.FromMilliseconds(50);

    private readonly Lock sync = new();
    private readonly StreamRelayOptions options;
    private readonly HttpClient http;
    private readonly IViewerSlotGate gate;
    private readonly IStreamSourceResolver resolver;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Action<RelaySession> onClosed;
    private readonly Func<long> nextViewerId;
    private readonly CancellationTokenSource lifetime = new();
    private readonly TaskCompletionSource<RelayJoinResult?> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RelayViewer[] viewers = [];
    private bool running;
    private bool closed;
    private string? closeReason;
    private ITimer? graceTimer;
    private long graceGeneration;
    private long bytesIn;
    private long chunksIn;
    private long chunksDropped;
    private long viewersKicked;
    private long publishTimestampTicks;
    private TaskCompletionSource? roomWaiter;

    /// <summary>Creates a session; <see cref="RunAsync"/> starts it.</summary>
    public RelaySession(
        string streamId,
        StreamRelayOptions options,
        HttpClient http,
        IViewerSlotGate gate,
        IStreamSourceResolver resolver,
        TimeProvider time,
        ILogger logger,
        Action<RelaySession> onClosed,
        Func<long> nextViewerId)
    {
        StreamId = streamId;
        this.options = options;
        this.http = http;
        this.gate = gate;
        this.resolver = resolver;
        this.time = time;
        this.logger = logger;
        this.onClosed = onClosed;
        this.nextViewerId = nextViewerId;
    }

    /// <summary>Gets the stream.</summary>
    public string StreamId { get; }

    /// <summary>Gets a task that ends when the session runs (null) or could not start (the answer for viewers).</summary>
    public Task<RelayJoinResult?> Started => started.Task;

    /// <summary>Gets a task that ends when the session has closed and released its slot.</summary>
    public Task Completion => completion.Task;

    /// <summary>Gets a value indicating whether the session has closed (a new viewer needs a new session).</summary>
    public bool IsClosed
    {
        get
        {
            lock (sync)
            {
                return closed;
            }
        }
    }

    /// <summary>Adds a viewer to a running session; null when the session has closed meanwhile.</summary>
    public RelayViewer? TryAddViewer()
    {
        lock (sync)
        {
            if (closed || !running)
            {
                return null;
            }

            DisarmGrace();
            var viewer = new RelayViewer(nextViewerId(), this, options, time);
            viewers = [.. viewers, viewer];
            return viewer;
        }
    }

    /// <summary>Removes a viewer that left; the last one arms the grace period.</summary>
    public void RemoveViewer(RelayViewer viewer)
    {
        lock (sync)
        {
            int index = Array.IndexOf(viewers, viewer);
            if (index < 0)
            {
                return;
            }

            viewers = [.. viewers.AsSpan(0, index), .. viewers.AsSpan(index + 1)];
            if (viewers.Length == 0 && !closed)
            {
                ArmGrace();
            }
        }
    }

    /// <summary>A snapshot for monitoring.</summary>
    public RelayStreamStats GetStats()
    {
        var current = Volatile.Read(ref viewers);
        return new RelayStreamStats(
            StreamId,
            current.Length,
            Interlocked.Read(ref bytesIn),
            Interlocked.Read(ref chunksIn),
            Interlocked.Read(ref chunksDropped),
            Interlocked.Read(ref viewersKicked),
            TimeSpan.FromSeconds((double)Interlocked.Read(ref publishTimestampTicks) / time.TimestampFrequency),
            current.Select(v => new RelayViewerStats(v.Id, v.BytesSent, v.DroppedChunks, v.QueuedChunks)).ToList());
    }

    /// <summary>Closes the session now (host shutdown).</summary>
    public void Close(string reason) => BeginClose(reason);

    /// <summary>Counts a chunk dropped from a lagging viewer's queue.</summary>
    internal void OnChunkDropped() => Interlocked.Increment(ref chunksDropped);

    /// <summary>Counts and logs a viewer disconnected for lagging.</summary>
    internal void OnViewerKicked(RelayViewer viewer, TimeSpan lag)
    {
        Interlocked.Increment(ref viewersKicked);
        Log.RelayViewerKicked(logger, StreamId, viewer.Id, (long)lag.TotalMilliseconds, viewer.DroppedChunks);
    }

    /// <summary>Runs the whole lifecycle; never throws.</summary>
    /// <param name="previous">The stream's previous session, whose slot must be released before this one takes its own.</param>
    public async Task RunAsync(Task previous)
    {
        ViewerSlotLease? lease = null;
        HttpResponseMessage? response = null;
        Task renewal = Task.CompletedTask;
        CancellationToken token = lifetime.Token;
        try
        {
            StreamSource? source = await resolver.ResolveAsync(StreamId, token).ConfigureAwait(false);
            if (source is null)
            {
                started.TrySetResult(RelayJoinResult.NotFound(StreamId));
                BeginClose("unknown stream");
                return;
            }

            // A session closing a moment ago may still hold the account's slot; wait for its release (bounded).
            await previous.WaitAsync(options.ConnectTimeout, time, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            token.ThrowIfCancellationRequested();

            var acquisition = await gate.TryAcquireViewerAsync(source.AccountId, StreamId, token).ConfigureAwait(false);
            if (acquisition.Lease is null)
            {
                string reason = acquisition.RefusalReason ?? "no viewer slot is free";
                Log.RelaySlotRefused(logger, StreamId, source.AccountId, reason);
                started.TrySetResult(RelayJoinResult.Refused(
                    $"Stream '{StreamId}' cannot be opened: account '{source.AccountId}' has no free connection ({reason}).", acquisition.RetryAfter));
                BeginClose("viewer slot refused");
                return;
            }

            lease = acquisition.Lease;
            (response, string? failure) = await OpenUpstreamAsync(source.Url, token).ConfigureAwait(false);
            if (response is null)
            {
                Log.RelayUpstreamUnavailable(logger, StreamId, failure!);
                started.TrySetResult(RelayJoinResult.UpstreamUnavailable($"Stream '{StreamId}' is unavailable: {failure}"));
                BeginClose("upstream unavailable");
                return;
            }

            Log.RelayUpstreamOpened(logger, StreamId, SecretScrubber.Redact(source.Url), source.AccountId);
            var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            MarkRunning();
            renewal = RenewAsync(lease, token);
            string ended = await PumpAsync(body, source.Url, token).ConfigureAwait(false);
            BeginClose(ended);
        }
        catch (Exception ex)
        {
            // Only cancellation by Close gets here in normal operation; anything else is a bug
            // in a collaborator, and the session still has to end cleanly.
            if (!token.IsCancellationRequested)
            {
                Log.RelayUpstreamFailed(logger, StreamId, ex.GetType().Name);
            }

            started.TrySetResult(RelayJoinResult.UpstreamUnavailable($"Stream '{StreamId}' could not be started."));
            BeginClose(token.IsCancellationRequested ? "closed" : "failed");
        }
        finally
        {
            await lifetime.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            response?.Dispose();
            if (lease is not null)
            {
                await ReleaseAsync(lease).ConfigureAwait(false);
            }

            Log.RelayClosed(logger, StreamId, closeReason ?? "closed", bytesIn, chunksIn, chunksDropped, viewersKicked);
            completion.TrySetResult();
        }
    }

    private async Task<(HttpResponseMessage? Response, string? Failure)> OpenUpstreamAsync(Uri url, CancellationToken token)
    {
        using var limit = new CancellationTokenSource(options.ConnectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, token);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (response, null);
            }

            int status = (int)response.StatusCode;
            response.Dispose();
            return (null, $"the provider answered HTTP {status}");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && limit.IsCancellationRequested && !token.IsCancellationRequested))
        {
            string what = ex is OperationCanceledException ? $"no response within {options.ConnectTimeout.TotalSeconds:0.###} s" : ex.Message;
            return (null, SecretScrubber.Scrub(what, url));
        }
    }

    /// <summary>Reads the upstream in pooled chunks and hands each to every viewer; returns why it stopped.</summary>
    private async Task<string> PumpAsync(Stream body, Uri url, CancellationToken token)
    {
        ArrayPool<byte> pool = ArrayPool<byte>.Shared;
        int chunkSize = options.ChunkSize;
        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stall.Token, token);
        while (true)
        {
            byte[] buffer = pool.Rent(chunkSize);
            int read;
            try
            {
                stall.CancelAfter(options.UpstreamStallTimeout);
                read = await body.ReadAtLeastAsync(buffer.AsMemory(0, chunkSize), chunkSize, throwOnEndOfStream: false, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                pool.Return(buffer);
                if (token.IsCancellationRequested)
                {
                    return "closed";
                }

                string detail = ex is OperationCanceledException
                    ? $"no data for {options.UpstreamStallTimeout.TotalSeconds:0.###} s"
                    : SecretScrubber.Scrub($"{ex.GetType().Name}: {ex.Message}", url);
                Log.RelayUpstreamFailed(logger, StreamId, detail);
                return $"upstream failed ({detail})";
            }

            if (read == 0)
            {
                pool.Return(buffer);
                return "upstream ended";
            }

            if (!Publish(new RelayChunk(pool, buffer, read)))
            {
                await WaitForRoomAsync(token).ConfigureAwait(false);
            }

            if (read < chunkSize)
            {
                return "upstream ended";
            }
        }
    }

    /// <summary>Hands <paramref name="chunk"/> to every viewer's queue; false when no viewer has room left.</summary>
    private bool Publish(RelayChunk chunk)
    {
        var current = Volatile.Read(ref viewers);
        long now = time.GetTimestamp();
        bool anyRoom = current.Length == 0;
        foreach (var viewer in current)
        {
            anyRoom |= viewer.Offer(chunk, now);
        }

        chunk.Release();
        Interlocked.Add(ref publishTimestampTicks, time.GetTimestamp() - now);
        Interlocked.Add(ref bytesIn, chunk.Length);
        Interlocked.Increment(ref chunksIn);
        return anyRoom;
    }

    /// <summary>
    /// Called when every viewer's queue is full, i.e. even the fastest viewer is behind: reading
    /// on would only drop chunks for everyone. Waits until the fastest viewer takes a chunk, but
    /// never longer than <see cref="MaxRoomWait"/>, so viewers that all stalled still meet the
    /// lag check and a live upstream is never left unread for long. A slow viewer alone never
    /// causes a wait: it only takes one viewer with room to go on.
    /// </summary>
    private async Task WaitForRoomAsync(CancellationToken token)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref roomWaiter, waiter);
        try
        {
            // Re-check after publishing the waiter, so a chunk taken in between is not missed.
            if (!Volatile.Read(ref viewers).Any(v => v.HasRoom))
            {
                await waiter.Task.WaitAsync(MaxRoomWait, time, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            Volatile.Write(ref roomWaiter, null);
        }
    }

    /// <summary>A viewer took a chunk from its queue; wakes the publisher if it waits for room.</summary>
    internal void OnRoomMade() => Volatile.Read(ref roomWaiter)?.TrySetResult();

    private async Task RenewAsync(ViewerSlotLease lease, CancellationToken token)
    {
        TimeSpan interval = lease.Ttl / 3;
        while (!token.IsCancellationRequested)
        {
            await Task.Delay(interval, time, token).ConfigureAwait(false);
            bool renewed;
            try
            {
                renewed = await gate.RenewAsync(lease, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                // Transient: the TTL leaves two more attempts before the lease could expire.
                Log.RelayLeaseRenewFailed(logger, ex, StreamId);
                continue;
            }

            if (!renewed)
            {
                Log.RelayLeaseLost(logger, StreamId);
                BeginClose("viewer lease lost");
                return;
            }
        }
    }

    private async Task ReleaseAsync(ViewerSlotLease lease)
    {
        try
        {
            await gate.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.RelaySlotReleaseFailed(logger, ex, StreamId);
        }
    }

    private void MarkRunning()
    {
        lock (sync)
        {
            running = true;

            // Nobody has joined yet; if the first viewer gave up meanwhile, the grace period closes us.
            if (viewers.Length == 0 && !closed)
            {
                ArmGrace();
            }
        }

        started.TrySetResult(null);
    }

    /// <summary>Marks the session closed, ends its viewers and stops the pump; the first reason wins.</summary>
    private void BeginClose(string reason)
    {
        RelayViewer[] ending;
        lock (sync)
        {
            if (closed)
            {
                return;
            }

            closed = true;
            closeReason = reason;
            ending = viewers;
            DisarmGrace();
        }

        foreach (var viewer in ending)
        {
            viewer.Complete();
        }

        onClosed(this);
        started.TrySetResult(RelayJoinResult.UpstreamUnavailable($"Stream '{StreamId}' closed before it started ({reason})."));
        _ = lifetime.CancelAsync();
    }

    private void ArmGrace()
    {
        DisarmGrace();
        long generation = graceGeneration;
        graceTimer = time.CreateTimer(
            _ =>
            {
                lock (sync)
                {
                    if (generation != graceGeneration || viewers.Length > 0)
                    {
                        return;
                    }
                }

                BeginClose("no viewers");
            },
            null,
            options.GracePeriod,
            Timeout.InfiniteTimeSpan);
    }

    private void DisarmGrace()
    {
        graceGeneration++;
        graceTimer?.Dispose();
        graceTimer = null;
    }
}
