using System.Net;
using System.Threading.RateLimiting;
using MediaSync.Catalog.Providers;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace MediaSync.Catalog.Resilience;

/// <summary>
/// The one way provider pipelines are built, used both by <c>IHttpClientFactory</c> registrations
/// and by clients constructed directly. Limits are per pipeline; register the pipeline per host
/// (<c>SelectPipelineByAuthority</c>) so every client of one provider host shares them.
/// </summary>
internal static class ProviderResiliencePipeline
{
    /// <summary>
    /// Adds the strategies of <paramref name="options"/> to <paramref name="builder"/>;
    /// <paramref name="registerForDisposal"/> receives limiters that must be disposed with the pipeline.
    /// </summary>
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        ProviderResilienceOptions options,
        string provider,
        ILogger logger,
        Action<IDisposable> registerForDisposal)
    {
        options.ThrowIfInvalid(provider);
        TimeProvider time = builder.TimeProvider ?? TimeProvider.System;

        // Outermost, so a request keeps its permit across retries and the provider never sees more than N at once.
        var concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrency,
            QueueLimit = options.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        registerForDisposal(concurrency);
        builder.AddRateLimiter(concurrency);

        builder.AddTimeout(options.TotalTimeout);

        if (options.MaxRetryAttempts > 0)
        {
            AddRetry(builder, options, provider, logger, time);
        }

        AddCircuitBreaker(builder, options, provider, logger);

        if (options.RequestsPerSecond > 0)
        {
            // Inside the retry so every attempt, retries included, spends a token.
            var rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.RequestsPerSecond,
                TokensPerPeriod = options.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = options.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
            registerForDisposal(rate);
            builder.AddRateLimiter(rate);
        }

        builder.AddTimeout(options.AttemptTimeout);
    }

    private static void AddRetry(ResiliencePipelineBuilder<HttpResponseMessage> builder, ProviderResilienceOptions options, string provider, ILogger logger, TimeProvider time) =>
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.MaxRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = options.UseJitter,

            // Retry-After is handled below so a date form works and an over-long wait fails fast instead.
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(
                HttpClientResiliencePredicates.IsTransient(args.Outcome) && !WaitTooLong(args.Outcome, options, time)),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Result is { } response ? RetryAfter.From(response, time) : null),
            OnRetry = args =>
            {
                string url = SecretRedactor.Redact(args.Context.GetRequestMessage()?.RequestUri);
                Log.RetryScheduled(logger, provider, args.AttemptNumber + 1, url, args.RetryDelay.TotalMilliseconds, Describe(args.Outcome));
                return default;
            },
        });

    private static void AddCircuitBreaker(ResiliencePipelineBuilder<HttpResponseMessage> builder, ProviderResilienceOptions options, string provider, ILogger logger) =>
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakDuration,
            OnOpened = args =>
            {
                Log.CircuitOpened(logger, provider, args.BreakDuration.TotalMilliseconds, Describe(args.Outcome));
                return default;
            },
            OnClosed = _ =>
            {
                Log.CircuitClosed(logger, provider);
                return default;
            },
        });

    /// <summary>
    /// Builds a handler chain for a client constructed without DI: the pipeline over
    /// <paramref name="innerHandler"/> (a pooled <see cref="SocketsHttpHandler"/> when null).
    /// </summary>
    public static HttpMessageHandler CreateHandler(
        ProviderResilienceOptions options,
        string provider,
        ILogger logger,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? innerHandler = null)
    {
        var owned = new List<IDisposable>();
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider ?? TimeProvider.System };
        Configure(builder, options, provider, logger, owned.Add);
        var resilience = new ResilienceHandler(builder.Build())
        {
            InnerHandler = innerHandler ?? new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
            },
        };
        return new OwningHandler(owned) { InnerHandler = resilience };
    }

    private static bool WaitTooLong(Outcome<HttpResponseMessage> outcome, ProviderResilienceOptions options, TimeProvider time) =>
        outcome.Result is { } response && RetryAfter.From(response, time) is { } wait && wait > options.MaxRetryAfter;

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : "no result",
        TimeoutRejectedException => "attempt timeout",
        BrokenCircuitException => "open circuit",
        Exception ex => SecretRedactor.Redact(ex.GetType().Name + ": " + ex.Message),
    };

    /// <summary>Disposes the limiters a directly built pipeline owns together with the handler chain.</summary>
    private sealed class OwningHandler(List<IDisposable> owned) : DelegatingHandler
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                owned.ForEach(d => d.Dispose());
            }

            base.Dispose(disposing);
        }
    }
}
