using MediaSync.Catalog.Providers;
using MediaSync.Catalog.Resilience;
using MediaSync.Catalog.Xtream;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaSync.Catalog.Tests.Support;

/// <summary>Builds clients the way the sync does without DI: an HttpClient over the shared pipeline.</summary>
internal static class TestClients
{
    public const string User = "alice.user";
    public const string Password = "S3cr3t/p@ss&word";

    /// <summary>Fast settings for tests: short delays, no jitter, a breaker that needs many calls.</summary>
    public static ProviderResilienceOptions FastResilience(Action<ProviderResilienceOptions>? configure = null)
    {
        var options = new ProviderResilienceOptions
        {
            MaxRetryAttempts = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            UseJitter = false,
            AttemptTimeout = TimeSpan.FromSeconds(10),
            TotalTimeout = TimeSpan.FromSeconds(30),
            BreakerSamplingDuration = TimeSpan.FromSeconds(30),
            BreakerMinimumThroughput = 1000,
        };
        configure?.Invoke(options);
        return options;
    }

    public static HttpClient Http(ProviderResilienceOptions resilience, string provider = "Test", ILogger? logger = null, TimeProvider? time = null) =>
        new(ProviderResiliencePipeline.CreateHandler(resilience, provider, logger ?? NullLogger.Instance, time)) { Timeout = Timeout.InfiniteTimeSpan };

    public static XtreamClient Xtream(Uri baseUrl, Action<XtreamClientOptions>? configure = null, ILoggerFactory? loggers = null)
    {
        var options = new XtreamClientOptions { BaseUrl = baseUrl, Username = User, Password = Password, Resilience = FastResilience() };
        configure?.Invoke(options);
        ILogger logger = loggers?.CreateLogger("Resilience") ?? NullLogger.Instance;
        return new XtreamClient(Http(options.Resilience, XtreamClient.ProviderName, logger), options, loggers?.CreateLogger<XtreamClient>());
    }

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (T item in source)
        {
            list.Add(item);
        }

        return list;
    }

    public static void AssertNoSecret(string? text, params string[] secrets)
    {
        Assert.NotNull(text);
        foreach (string secret in secrets.Concat([User, Password, Uri.EscapeDataString(Password)]))
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    public static ProviderResponseException AssertProviderError(Exception ex) => Assert.IsType<ProviderResponseException>(ex);
}
