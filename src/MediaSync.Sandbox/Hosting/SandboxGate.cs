using System.Globalization;
using MediaSync.Sandbox.Catalog;
using MediaSync.Sandbox.Control;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MediaSync.Sandbox.Hosting;

/// <summary>
/// The one path every call takes: count it, then apply the knobs in the order a real provider would show them
/// (a hung or throttled call never reaches the handler), then run the handler behind a metered body.
/// </summary>
internal sealed class SandboxGate(SandboxOptions options, SandboxControl control, SandboxCounters counters, ILogger logger, CancellationToken stopping)
{
    private long _sequence;

    public async Task RunAsync(HttpContext context, string key, Func<HttpContext, CancellationToken, Task> handler)
    {
        counters.RecordCall(key);
        var call = Interlocked.Increment(ref _sequence);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = linked.Token;
        var time = options.TimeProvider;

        try
        {
            if (control.TryTake(FaultKind.Hang, key) is not null)
            {
                Log.FaultInjected(logger, "hang", key);
                await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (control.TryTake(FaultKind.Throttle, key) is { } throttle)
            {
                Log.FaultInjected(logger, "429", key);
                await WriteThrottledAsync(context, key, throttle.RetryAfter).ConfigureAwait(false);
                return;
            }

            if (control.InScope(key))
            {
                var errorRate = control.ErrorRate;
                if (errorRate > 0 && StableHash.Unit(StableHash.Of(options.Catalog.Seed, 901, call)) < errorRate)
                {
                    Log.FaultInjected(logger, "error", key);
                    await WriteErrorAsync(context, key, control.ErrorStatusCode).ConfigureAwait(false);
                    return;
                }

                var (min, max) = (control.MinLatency, control.MaxLatency);
                var latency = min + ((max - min) * StableHash.Unit(StableHash.Of(options.Catalog.Seed, 902, call)));
                if (latency > TimeSpan.Zero)
                {
                    await Task.Delay(latency, time, cancellationToken).ConfigureAwait(false);
                }
            }

            var truncate = control.TryTake(FaultKind.Truncate, key);
            if (truncate is not null)
            {
                Log.FaultInjected(logger, "truncate", key);
            }

            var original = context.Response.Body;
            context.Response.Body = new MeteredResponseStream(original, counters, control, time, truncate?.TruncateAfterBytes);
            try
            {
                await handler(context, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                context.Response.Body = original;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up (or the sandbox stops): nothing left to answer.
        }
    }

    private static Task WriteThrottledAsync(HttpContext context, string key, TimeSpan retryAfter)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return WriteProviderErrorAsync(context, key, 429, "Too Many Requests");
    }

    private static Task WriteErrorAsync(HttpContext context, string key, int status)
    {
        context.Response.StatusCode = status;
        return WriteProviderErrorAsync(context, key, status, "Internal Server Error");
    }

    /// <summary>Each provider words its errors its own way; clients parse these bodies, so mimic them.</summary>
    private static Task WriteProviderErrorAsync(HttpContext context, string key, int status, string text)
    {
        if (key.StartsWith("tmdb:", StringComparison.Ordinal))
        {
            var code = status == 429 ? 25 : 11;
            var message = status == 429 ? "Your request count is over the allowed limit." : "Internal error: Something went wrong, contact TMDb.";
            return context.Response.WriteAsJsonAsync(new { success = false, status_code = code, status_message = message });
        }

        if (key.StartsWith("dispatcharr:", StringComparison.Ordinal))
        {
            var detail = status == 429 ? "Request was throttled." : "A server error occurred.";
            return context.Response.WriteAsJsonAsync(new { detail });
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"<html><body><h1>{status} {text}</h1></body></html>");
    }
}
