using MediaSync.Catalog.Model;
using MediaSync.Durable;
using MediaSync.Functions.Slots;
using MediaSync.Functions.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Checks;

/// <summary>
/// The connections a check may use on an account: Xtream's <c>max_connections</c> from the account object (0 = unlimited);
/// when the provider does not report one (or cannot be reached), the source's <c>MaxStreams</c>, else
/// <see cref="StreamCheckOptions.DefaultMaxStreams"/>. A source linked to a Dispatcharr account
/// (<see cref="SourceOptions.DispatcharrAccountId"/>) is also bound by that account's <c>max_streams</c>. The connections
/// held outside MediaSync now come off: the account's <c>active_cons</c> less the slots MediaSync holds (a player on a TV
/// sharing the account), or Dispatcharr's proxy connections, whichever is more. MediaSync's own viewers and checks are
/// not subtracted: the slots count them.
/// </summary>
internal sealed class GetAccountLimitActivity(
    XtreamLiveStreams streams, SourceClients clients, DispatcharrAccountUsage dispatcharr, SlotsReader slots, IOptions<StreamCheckOptions> options,
    ILogger<GetAccountLimitActivity> logger)
    : TaskActivity<string, AccountLimit>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "GetAccountLimit";

    /// <inheritdoc />
    public override async Task<AccountLimit> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ConfiguredSource source = streams.Account(input);
        (int limit, int? active, bool reported) = await ProviderLimitAsync(source, context.CancellationToken).ConfigureAwait(false);
        int elsewhere = active is int open and > 0 ? Math.Max(0, open - await OwnSlotsAsync(input, context.CancellationToken).ConfigureAwait(false)) : 0;
        int proxied = 0;
        if (source.Options.DispatcharrAccountId is { } dispatcharrId && dispatcharr.IsConfigured
            && await DispatcharrUsageAsync(input, dispatcharrId, context.CancellationToken).ConfigureAwait(false) is { } known)
        {
            // Both limits bind (0 = unlimited on either side).
            limit = limit == 0 ? known.MaxStreams : known.MaxStreams == 0 ? limit : Math.Min(limit, known.MaxStreams);
            proxied = known.Active;
            reported = true;
        }

        // Dispatcharr's connections are on the same account, so active_cons counts them too (when the panel is current).
        int held = Math.Max(elsewhere, proxied);
        if (limit == 0 || held == 0)
        {
            return new AccountLimit(limit, Guessed: !reported);
        }

        int free = limit - held;
        bool byDispatcharr = proxied >= elsewhere;
        string holders = byDispatcharr ? $"held by Dispatcharr ({proxied} active)" : $"in use by players outside MediaSync (active_cons {active})";
        Log.AccountLimitReduced(logger, input, limit, held, byDispatcharr ? "Dispatcharr" : "active_cons");
        return free > 0 ? new AccountLimit(free) : new AccountLimit(0, $"all {limit} connections of the account are {holders}");
    }

    /// <summary>
    /// The account's slots MediaSync holds: relay viewers, whose upstream connections active_cons counts, and checks. A
    /// check's lease may have no connection open yet, so this can undercount what is held elsewhere; counting it as
    /// elsewhere instead would make a second check started beside a running one find the account taken and probe nothing.
    /// </summary>
    private async Task<int> OwnSlotsAsync(string accountId, CancellationToken cancellationToken)
    {
        SlotsSnapshot account = await slots.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
        return account.InUse;
    }

    private async Task<(int MaxStreams, int Active)?> DispatcharrUsageAsync(string accountId, long dispatcharrId, CancellationToken cancellationToken)
    {
        try
        {
            if (await dispatcharr.ReadAsync(dispatcharrId, cancellationToken).ConfigureAwait(false) is { } usage)
            {
                return usage;
            }

            Log.DispatcharrUsageUnavailable(logger, accountId, dispatcharrId, "Dispatcharr does not list the account");
        }
        catch (Exception ex) when (ProviderFailure.Is(ex, cancellationToken))
        {
            Log.DispatcharrUsageUnavailable(logger, accountId, dispatcharrId, ex.GetType().Name);
        }

        return null;
    }

    /// <summary>The provider's limit and its open connections when it reports them; else the fallback, not reported.</summary>
    private async Task<(int Limit, int? Active, bool Reported)> ProviderLimitAsync(ConfiguredSource source, CancellationToken cancellationToken)
    {
        int fallback = source.Options.MaxStreams ?? options.Value.DefaultMaxStreams;
        string reason;
        try
        {
            XtreamAccountInfo info = await clients.Xtream(source).GetAccountInfoAsync(cancellationToken).ConfigureAwait(false);
            if (info.MaxConnections is int max and >= 0)
            {
                return (max, info.ActiveConnections, true);
            }

            reason = info.Authenticated ? "no max_connections in the account object" : "the provider refused the credentials";
        }
        catch (Exception ex) when (ProviderFailure.Is(ex, cancellationToken))
        {
            // The provider client redacts credentials from its messages; the type is enough to tell what happened.
            reason = ex.GetType().Name;
        }

        Log.AccountLimitFallback(logger, source.Id, reason, fallback);
        return (fallback, null, false);
    }
}
