namespace MediaSync.Catalog.Model;

/// <summary>Running upstream connections per M3U account, mapped from the proxy status via profile ids.</summary>
internal sealed record DispatcharrActiveStreams(IReadOnlyDictionary<long, int> ByAccount, int Unattributed)
{
    public int For(long accountId) => ByAccount.TryGetValue(accountId, out int count) ? count : 0;
}
