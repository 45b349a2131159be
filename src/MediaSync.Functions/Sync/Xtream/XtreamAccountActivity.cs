using MediaSync.Catalog.Model;
using MediaSync.Catalog.Xtream;
using MediaSync.Durable;
using MediaSync.Functions.Sources;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Sync.Xtream;

/// <summary>Reads the account object first: a rejected login fails the sync early, and <c>max_connections</c> sets the request budget.</summary>
internal sealed class XtreamAccountActivity(SourceDirectory sources, SourceClients clients, IOptionsMonitor<SyncOptions> options)
    : TaskActivity<string, XtreamAccountSummary>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "XtreamAccount";

    /// <inheritdoc />
    public override async Task<XtreamAccountSummary> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ConfiguredSource source = sources.Get(input);
        XtreamClient client = clients.Xtream(source);
        XtreamAccountInfo account = await client.GetAccountInfoAsync(context.CancellationToken).ConfigureAwait(false);
        if (!account.Authenticated)
        {
            throw new InvalidOperationException($"The Xtream panel of source '{source.Id}' rejected its login (auth 0): check Sources:{source.Id}:Username and Password.");
        }

        return Summarize(account, source.Options.MaxStreams, options.CurrentValue.MaxApiConnections, client.MaxConcurrentRequests);
    }

    /// <summary>
    /// The provider's limit wins; the configured <c>MaxStreams</c> stands in when the panel does not say. The budget
    /// never exceeds what the client sends at once either: a connection granted beyond that waits in the client's
    /// queue while the budget counts it as busy.
    /// </summary>
    internal static XtreamAccountSummary Summarize(XtreamAccountInfo account, int? configuredMaxStreams, int maxApiConnections, int clientConcurrency)
    {
        int limit = account.MaxConnections is > 0 ? account.MaxConnections.Value : configuredMaxStreams ?? 0;
        int requests = Math.Min(maxApiConnections, clientConcurrency);
        int budget = limit > 0 ? Math.Min(limit, requests) : requests;
        return new XtreamAccountSummary(limit, budget, account.Status);
    }
}
