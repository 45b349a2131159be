using MediaSync.Catalog.Model;
using MediaSync.Catalog.Xtream;
using MediaSync.Functions.Sync;
using MediaSync.Functions.Sync.Xtream;

namespace MediaSync.Functions.Tests.Sync;

public sealed class XtreamAccountSummaryTests
{
    [Theory]
    [InlineData(4, 4, 4, 4)] // the usual account: all four connections
    [InlineData(4, 4, 3, 3)] // a client that sends at most 3 at once: a fourth grant would only wait in its queue
    [InlineData(2, 4, 4, 2)] // the account's max_connections wins
    [InlineData(0, 6, 5, 5)] // no limit reported: the lower of the sync's and the client's caps
    public void Budget_IsTheLowestOfAccountLimitSyncCapAndClientConcurrency(int maxConnections, int maxApiConnections, int clientConcurrency, int expected)
    {
        var account = new XtreamAccountInfo { Authenticated = true, MaxConnections = maxConnections };

        XtreamAccountSummary summary = XtreamAccountActivity.Summarize(account, configuredMaxStreams: null, maxApiConnections, clientConcurrency);

        Assert.Equal(expected, summary.ConnectionBudget);
    }

    [Fact]
    public void DefaultClientConcurrency_DoesNotUndercutTheDefaultSyncBudget()
    {
        // The sync grants an account's connections to its units; a client that sends fewer at once queues the rest,
        // and a granted connection then sits idle for a whole call (series info ran a third slower).
        Assert.True(new XtreamClientOptions().Resilience.MaxConcurrency >= new SyncOptions().MaxApiConnections);
    }
}
