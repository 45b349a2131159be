using System.Text;
using MediaSync.Catalog.Json;
using MediaSync.Catalog.Providers;
using Microsoft.Extensions.Logging;

namespace MediaSync.Catalog.Dispatcharr;

/// <summary>
/// Holds the Dispatcharr JWT pair: logs in once, refreshes the access token before it expires and
/// logs in again only when the refresh token is gone — logins are throttled to 3 a minute.
/// </summary>
internal sealed class DispatcharrTokenCache(ProviderTransport transport, DispatcharrClientOptions options, ILogger logger, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? access;
    private string? refresh;
    private DateTimeOffset accessIssuedAt;
    private DateTimeOffset refreshIssuedAt;

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DateTimeOffset now = time.GetUtcNow();
            if (access is not null && now - accessIssuedAt < options.AccessTokenLifetime)
            {
                return access;
            }

            if (refresh is not null && now - refreshIssuedAt < options.RefreshTokenLifetime)
            {
                try
                {
                    access = await RequestAsync("token/refresh/", "token-refresh", new { refresh }, cancellationToken).ConfigureAwait(false);
                    accessIssuedAt = now;
                    Log.DispatcharrTokenIssued(logger, "refresh", transport.Redact(options.BaseUrl!.GetLeftPart(UriPartial.Authority)));
                    return access;
                }
                catch (ProviderResponseException ex) when (ex.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
                {
                    refresh = null;
                }
            }

            using JsonDocument login = await SendAsync("token/", "token", new { username = options.Username, password = options.Password }, cancellationToken).ConfigureAwait(false);
            (access, refresh) = ProviderTransport.Map(login, transport.CallFor("token", options.Resolve("api/accounts/token/")), root =>
                (Flex.String(Flex.EnsureObject(root), "access") ?? throw new JsonFieldException("access", "the login answer has no access token"), Flex.String(root, "refresh")));
            accessIssuedAt = refreshIssuedAt = now;
            Log.DispatcharrTokenIssued(logger, "login", transport.Redact(options.BaseUrl!.GetLeftPart(UriPartial.Authority)));
            return access;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets an access token the server rejected, so the next call refreshes it.</summary>
    public void Invalidate(string rejected)
    {
        if (access == rejected)
        {
            access = null;
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<string> RequestAsync(string path, string action, object body, CancellationToken cancellationToken)
    {
        using JsonDocument document = await SendAsync(path, action, body, cancellationToken).ConfigureAwait(false);
        return ProviderTransport.Map(document, transport.CallFor(action, options.Resolve("api/accounts/" + path)), root =>
            Flex.String(Flex.EnsureObject(root), "access") ?? throw new JsonFieldException("access", "the answer has no access token"));
    }

    private Task<JsonDocument> SendAsync(string path, string action, object body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, options.Resolve("api/accounts/" + path))
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        return transport.SendForDocumentAsync(request, action, cancellationToken);
    }
}
