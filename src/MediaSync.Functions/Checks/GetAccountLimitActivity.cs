using MediaSync.Catalog.Model;
using MediaSync.Durable;
using MediaSync.Functions.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Checks;

/// <summary>
/// The account's connection limit: Xtream's <c>max_connections</c> from the account object (0 = unlimited); when the
/// provider does not report one (or cannot be reached), the source's <c>MaxStreams</c>, else
/// <see cref="StreamCheckOptions.DefaultMaxStreams"/>. A source linked to a Dispatcharr account
/// (<see cref="SourceOptions.DispatcharrAccountId"/>) is also bound by that account's <c>max_streams</c>, and the
/// connections Dispatcharr's proxy holds on it now are taken off. MediaSync's own viewers are not subtracted here: the
/// slots count them.
/// </summary>
internal sealed class GetAccountLimitActivity(
    XtreamLiveStreams streams, SourceClients clients, DispatcharrAccountUsage dispatcharr, IOptions<StreamCheckOptions> options, ILogger<GetAccountLimitActivity> logger)
    : TaskActivity<string, AccountLimit>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "GetAccountLimit";

    /// <inheritdoc />
    public override async Task<AccountLimit> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ConfiguredSource source = streams.Account(input);
        int limit = await ProviderLimitAsync(source, context.CancellationToken).ConfigureAwait(false);
        if (source.Options.DispatcharrAccountId is not { } dispatcharrId || !dispatcharr.IsConfigured)
        {
            return new AccountLimit(limit);
        }

        (int MaxStreams, int Active)? usage;
        try
        {
            usage = await dispatcharr.ReadAsync(dispatcharrId, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsProviderFailure(ex, context.CancellationToken))
        {
            Log.DispatcharrUsageUnavailable(logger, input, dispatcharrId, ex.GetType().Name);
            return new AccountLimit(limit);
        }

        if (usage is not { } known)
        {
            Log.DispatcharrUsageUnavailable(logger, input, dispatcharrId, "Dispatcharr does not list the account");
            return new AccountLimit(limit);
        }

        // Both limits bind (0 = unlimited on either side); Dispatcharr's own connections come off the lower one.
        int bound = limit == 0 ? known.MaxStreams : known.MaxStreams == 0 ? limit : Math.Min(limit, known.MaxStreams);
        if (bound == 0)
        {
            return new AccountLimit(0);
        }

        int free = bound - known.Active;
        return free > 0
            ? new AccountLimit(free)
            : new AccountLimit(0, $"all {bound} connections of the account are held by Dispatcharr ({known.Active} active)");
    }

    private async Task<int> ProviderLimitAsync(ConfiguredSource source, CancellationToken cancellationToken)
    {
        int fallback = source.Options.MaxStreams ?? options.Value.DefaultMaxStreams;
        string reason;
        try
        {
            XtreamAccountInfo info = await clients.Xtream(source).GetAccountInfoAsync(cancellationToken).ConfigureAwait(false);
            if (info.MaxConnections is int reported and >= 0)
            {
                return reported;
            }

            reason = info.Authenticated ? "no max_connections in the account object" : "the provider refused the credentials";
        }
        catch (Exception ex) when (IsProviderFailure(ex, cancellationToken))
        {
            // The provider client redacts credentials from its messages; the type is enough to tell what happened.
            reason = ex.GetType().Name;
        }

        Log.AccountLimitFallback(logger, source.Id, reason, fallback);
        return fallback;
    }

    private static bool IsProviderFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or Catalog.Providers.ProviderResponseException or TimeoutException or System.Text.Json.JsonException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
