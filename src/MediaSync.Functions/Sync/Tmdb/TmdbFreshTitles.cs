using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Sync.Tmdb;

/// <summary>
/// The titles this host fetched or found fresh in the Providers table, with when they were fetched: a title still
/// fresh here costs neither a TMDb call nor a storage read. Bounded by <see cref="TmdbEnrichmentOptions.MemoryCacheTitles"/>;
/// the table stays the shared cache, so another host, or this one after a restart, falls back to it.
/// </summary>
internal sealed class TmdbFreshTitles : IDisposable
{
    private readonly IOptionsMonitor<TmdbEnrichmentOptions> options;
    private readonly TimeProvider time;
    private readonly MemoryCache? cache;

    public TmdbFreshTitles(IOptionsMonitor<TmdbEnrichmentOptions> options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        int capacity = options.CurrentValue.MemoryCacheTitles;
        cache = capacity > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = capacity }) : null;
    }

    /// <summary>Whether the title was fetched within the cache TTL, as far as this host knows.</summary>
    public bool IsFresh(TmdbTitle title) =>
        cache is not null && cache.TryGetValue(title, out DateTimeOffset fetchedAt) && IsFresh(fetchedAt);

    /// <summary>Whether providers fetched at <paramref name="fetchedAt"/> are still fresh.</summary>
    public bool IsFresh(DateTimeOffset fetchedAt) => time.GetUtcNow() - fetchedAt < options.CurrentValue.CacheTtl;

    /// <summary>Remembers when the title's stored providers were fetched (only while they are fresh).</summary>
    public void Remember(TmdbTitle title, DateTimeOffset fetchedAt)
    {
        if (cache is not null && IsFresh(fetchedAt))
        {
            // The entry's own expiry only frees memory: freshness is decided by IsFresh on this host's clock.
            cache.Set(title, fetchedAt, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.CurrentValue.CacheTtl });
        }
    }

    /// <summary>Forgets every title (the table's rows are untouched).</summary>
    public void Clear() => cache?.Clear();

    public void Dispose() => cache?.Dispose();
}
