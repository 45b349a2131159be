using System.Collections.Concurrent;
using System.Globalization;
using MediaSync.Sandbox.Catalog;

namespace MediaSync.Sandbox.Endpoints.Dispatcharr;

/// <summary>Issued JWT-like tokens with Dispatcharr's lifetimes (access 30 min, refresh 1 day) and its login throttle (§5.1).</summary>
internal sealed class DispatcharrTokens(TimeProvider time, long seed, int loginsPerMinute)
{
    private static readonly TimeSpan AccessLifetime = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _access = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _refresh = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _logins = new();
    private long _issued;

    /// <summary>Records a login attempt; false (with the wait) when more than the allowed logins fell in the last minute.</summary>
    public bool TryLogin(out int retryAfterSeconds)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            while (_logins.Count > 0 && now - _logins.Peek() >= TimeSpan.FromMinutes(1))
            {
                _logins.Dequeue();
            }

            if (_logins.Count >= loginsPerMinute)
            {
                retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((_logins.Peek().AddMinutes(1) - now).TotalSeconds));
                return false;
            }

            _logins.Enqueue(now);
            retryAfterSeconds = 0;
            return true;
        }
    }

    public string IssueAccess() => Issue(_access, "access", AccessLifetime);

    public string IssueRefresh() => Issue(_refresh, "refresh", RefreshLifetime);

    public bool IsValidAccess(string token) => IsValid(_access, token);

    public bool IsValidRefresh(string token) => IsValid(_refresh, token);

    private string Issue(ConcurrentDictionary<string, DateTimeOffset> store, string kind, TimeSpan lifetime)
    {
        var number = Interlocked.Increment(ref _issued);
        var token = string.Create(CultureInfo.InvariantCulture, $"eyJhbGciOiJIUzI1NiJ9.{kind}{number}.{StableHash.Of(seed, 601, number):x16}");
        store[token] = time.GetUtcNow() + lifetime;
        return token;
    }

    private bool IsValid(ConcurrentDictionary<string, DateTimeOffset> store, string token) =>
        store.TryGetValue(token, out var expires) && time.GetUtcNow() < expires;
}
