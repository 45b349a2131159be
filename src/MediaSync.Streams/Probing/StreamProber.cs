using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Streams;

/// <summary>
/// Checks whether a live stream URL plays: one GET with short timeouts and bounded redirects,
/// a bounded read, and a classification (see <see cref="StreamProbeStatus"/>). A stream problem
/// never throws; only the caller's own cancellation does.
/// </summary>
internal sealed class StreamProber(HttpClient httpClient, IOptions<StreamProberOptions> options, TimeProvider timeProvider, ILogger<StreamProber> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> registered for probes.</summary>
    public const string HttpClientName = "MediaSync.Streams.Probe";

    /// <summary>
    /// The handler probes need: no automatic redirects (we bound and inspect them), the connect
    /// timeout, and no draining of an abandoned body, so the provider's connection closes as soon
    /// as the probe is done instead of lingering and counting against the account.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(StreamProberOptions options) => new()
    {
        AllowAutoRedirect = false,
        ConnectTimeout = options.ConnectTimeout,
        MaxResponseDrainSize = 0,
        PooledConnectionLifetime = TimeSpan.Zero,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        UseCookies = false,
    };

    /// <summary>Probes <paramref name="url"/>.</summary>
    /// <param name="url">The stream URL (may carry credentials; they never leave this method unmasked).</param>
    /// <param name="deadline">When the caller's slot lease expires; the probe ends before it.</param>
    /// <param name="cancellationToken">Cancels the probe; the only way this method throws.</param>
    public async Task<StreamProbeResult> ProbeAsync(Uri url, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        StreamProberOptions o = options.Value;
        var run = new ProbeRun(httpClient, o, timeProvider, url);

        TimeSpan budget = o.TotalTimeout;
        bool deadlineBound = false;
        if (deadline is DateTimeOffset d)
        {
            TimeSpan left = d - timeProvider.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return Complete(run.Fail(StreamProbeStatus.Timeout, "the deadline passed before the probe started") with { EndedByDeadline = true });
            }

            deadlineBound = left < budget;
            budget = deadlineBound ? left : budget;
        }

        using var total = new CancellationTokenSource(budget, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token);
        StreamProbeResult result;
        try
        {
            result = await run.ExecuteAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = run.Fail(StreamProbeStatus.Timeout, $"the probe did not finish within {budget.TotalSeconds:0.###} s ({run.Stage})");
        }
        catch (HttpRequestException ex) when (ex.InnerException is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            result = run.Fail(StreamProbeStatus.Timeout, $"connecting timed out ({run.Stage})");
        }
        catch (ObjectDisposedException) when (!cancellationToken.IsCancellationRequested)
        {
            // A read racing the budget's cancellation can find the connection already torn down instead of cancelled.
            result = total.IsCancellationRequested
                ? run.Fail(StreamProbeStatus.Timeout, $"the probe did not finish within {budget.TotalSeconds:0.###} s ({run.Stage})")
                : run.Fail(StreamProbeStatus.ConnectionFailed, $"the connection was closed {run.Stage}");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException && !cancellationToken.IsCancellationRequested)
        {
            result = run.Fail(StreamProbeStatus.ConnectionFailed, $"{ex.GetType().Name} {run.Stage}: {ex.Message}");
        }

        if (result.Status == StreamProbeStatus.Timeout && deadlineBound && total.IsCancellationRequested)
        {
            // The budget that ran out was the caller's deadline, shorter than the probe's own total timeout.
            result = result with { EndedByDeadline = true, Detail = $"{result.Detail}: the caller's deadline, not the stream's timeout" };
        }

        return Complete(result);
    }

    private StreamProbeResult Complete(StreamProbeResult result)
    {
        Log.ProbeCompleted(logger, result.Url, result.Status, result.HttpStatus, result.ContentType, result.TtfbMs, result.BitrateKbps, result.BytesRead, result.Detail);
        return result;
    }
}
