using MediaSync.Catalog.DependencyInjection;
using MediaSync.Catalog.Dispatcharr;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Checks;

/// <summary>
/// What Dispatcharr says about one of its M3U accounts: the <c>max_streams</c> configured there and how many upstream
/// connections its proxy holds on the account now. One client for the process, so a login-based setup reuses its token
/// (Dispatcharr throttles logins to 3 a minute).
/// </summary>
internal sealed class DispatcharrAccountUsage(IProviderClientFactory clients, IOptionsMonitor<DispatcharrClientOptions> options) : IDisposable
{
    private readonly Lazy<DispatcharrClient> client = new(() => clients.CreateDispatcharr(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets a value indicating whether a Dispatcharr instance is configured.</summary>
    public bool IsConfigured => options.CurrentValue.BaseUrl is not null;

    /// <summary>The account's <c>max_streams</c> (0 = unlimited) and active connections; null when Dispatcharr does not list the account.</summary>
    public async Task<(int MaxStreams, int Active)?> ReadAsync(long accountId, CancellationToken cancellationToken)
    {
        IReadOnlyList<Catalog.Model.DispatcharrAccount> accounts = await client.Value.GetAccountsAsync(cancellationToken).ConfigureAwait(false);
        if (accounts.FirstOrDefault(a => a.Id == accountId) is not { } account)
        {
            return null;
        }

        Catalog.Model.DispatcharrActiveStreams active = await client.Value.GetActiveStreamsAsync(accounts, cancellationToken).ConfigureAwait(false);
        return (account.MaxStreams, active.For(accountId));
    }

    public void Dispose()
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }
}
