using MediaSync.Catalog.Model;
using MediaSync.Durable;
using MediaSync.Functions.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Checks;

/// <summary>
/// The account's connection limit: Xtream's <c>max_connections</c> from the account object (0 = unlimited); when the
/// provider does not report one (or cannot be reached), the source's <c>MaxStreams</c>, else
/// <see cref="StreamCheckOptions.DefaultMaxStreams"/>. Active viewers are not subtracted here: the slots count them.
/// </summary>
internal sealed class GetAccountLimitActivity(XtreamLiveStreams streams, SourceClients clients, IOptions<StreamCheckOptions> options, ILogger<GetAccountLimitActivity> logger)
    : TaskActivity<string, int>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "GetAccountLimit";

    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ConfiguredSource source = streams.Account(input);
        int fallback = source.Options.MaxStreams ?? options.Value.DefaultMaxStreams;
        string reason;
        try
        {
            XtreamAccountInfo info = await clients.Xtream(source).GetAccountInfoAsync(context.CancellationToken).ConfigureAwait(false);
            if (info.MaxConnections is int reported and >= 0)
            {
                return reported;
            }

            reason = info.Authenticated ? "no max_connections in the account object" : "the provider refused the credentials";
        }
        catch (Exception ex) when (ex is HttpRequestException or Catalog.Providers.ProviderResponseException or TimeoutException or System.Text.Json.JsonException
                                   || (ex is OperationCanceledException && !context.CancellationToken.IsCancellationRequested))
        {
            // The provider client redacts credentials from its messages; the type is enough to tell what happened.
            reason = ex.GetType().Name;
        }

        Log.AccountLimitFallback(logger, input, reason, fallback);
        return fallback;
    }
}
