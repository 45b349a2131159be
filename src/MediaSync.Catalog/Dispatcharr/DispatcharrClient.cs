using System.Net;
using System.Net.Http.Headers;
using MediaSync.Catalog.Json;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaSync.Catalog.Dispatcharr;

/// <summary>
/// Typed Dispatcharr REST client: M3U accounts with their stream limits, streams per account or
/// channel, and the running upstream connections per account (from the proxy status, via profile ids).
/// </summary>
internal sealed class DispatcharrClient : IDisposable
{
    public const string ProviderName = "Dispatcharr";

    private readonly DispatcharrClientOptions options;
    private readonly ProviderTransport transport;
    private readonly DispatcharrTokenCache? tokens;

    public DispatcharrClient(HttpClient http, DispatcharrClientOptions options, ILogger<DispatcharrClient>? logger = null, TimeProvider? timeProvider = null)
    {
        ILogger log = logger ?? NullLogger<DispatcharrClient>.Instance;
        TimeProvider time = timeProvider ?? TimeProvider.System;
        transport = new ProviderTransport(ProviderName, http, options, log, time);
        this.options = options;
        if (string.IsNullOrEmpty(options.ApiKey))
        {
            tokens = new DispatcharrTokenCache(transport, options, log, time);
        }
    }

    public long InvalidItemCount => transport.InvalidItemCount;

    public async Task<IReadOnlyList<DispatcharrAccount>> GetAccountsAsync(CancellationToken cancellationToken = default)
    {
        Uri url = options.Resolve("api/m3u/accounts/");
        using JsonDocument document = await GetAsync(url, "m3u-accounts", cancellationToken).ConfigureAwait(false);
        ProviderCall call = transport.CallFor("m3u-accounts", url);
        return ProviderTransport.Map(document, call, root => transport.MapItems(Results(root), call, "$", Account).ToList());
    }

    /// <summary>Walks the streams of one account (or all) page by page.</summary>
    public IAsyncEnumerable<DispatcharrStream> GetStreamsAsync(long? accountId = null, CancellationToken cancellationToken = default)
    {
        string filter = accountId is { } id ? "&m3u_account=" + id.ToString(CultureInfo.InvariantCulture) : string.Empty;
        return PagedReader.ReadAsync(
            transport,
            "streams",
            options.PageSize,
            (page, _) => options.Resolve($"api/channels/streams/?page={page}&page_size={options.PageSize}{filter}"),
            (url, ct) => GetAsync(url, "streams", ct),
            root => new PageShape(Flex.Array(root, "results"), Flex.Int64(root, "count"), Flex.Property(root, "next") is { } next ? next.ValueKind == JsonValueKind.String : null),
            "$.results",
            Stream,
            s => s.Id.ToString(CultureInfo.InvariantCulture),
            cancellationToken);
    }

    /// <summary>Lists a channel's streams in failover order.</summary>
    public async Task<IReadOnlyList<DispatcharrStream>> GetChannelStreamsAsync(long channelId, CancellationToken cancellationToken = default)
    {
        Uri url = options.Resolve($"api/channels/channels/{channelId.ToString(CultureInfo.InvariantCulture)}/streams/");
        using JsonDocument document = await GetAsync(url, "channel-streams", cancellationToken).ConfigureAwait(false);
        ProviderCall call = transport.CallFor("channel-streams", url);
        return ProviderTransport.Map(document, call, root => transport.MapItems(Results(root), call, "$", Stream).ToList());
    }

    /// <summary>
    /// Counts running upstream connections per account: each proxy status entry whose
    /// <c>m3u_profile_id</c> belongs to one of the account's profiles is one connection.
    /// </summary>
    public async Task<DispatcharrActiveStreams> GetActiveStreamsAsync(IReadOnlyList<DispatcharrAccount> accounts, CancellationToken cancellationToken = default)
    {
        var accountOfProfile = new Dictionary<long, long>();
        foreach (DispatcharrAccount account in accounts)
        {
            foreach (DispatcharrProfile profile in account.Profiles)
            {
                accountOfProfile[profile.Id] = account.Id;
            }
        }

        Uri url = options.Resolve("proxy/ts/status");
        using JsonDocument document = await GetAsync(url, "proxy-status", cancellationToken).ConfigureAwait(false);
        ProviderCall call = transport.CallFor("proxy-status", url);
        return ProviderTransport.Map(document, call, root =>
        {
            var counts = new Dictionary<long, int>();
            int unattributed = 0;
            foreach (long? profileId in transport.MapItems(Flex.Array(Flex.EnsureObject(root), "channels"), call, "$.channels", c => Flex.Int64(Flex.EnsureObject(c), "m3u_profile_id")))
            {
                if (profileId is { } p && accountOfProfile.TryGetValue(p, out long accountId))
                {
                    counts[accountId] = counts.GetValueOrDefault(accountId) + 1;
                }
                else
                {
                    unattributed++;
                }
            }

            return new DispatcharrActiveStreams(counts, unattributed);
        });
    }

    public void Dispose() => tokens?.Dispose();

    private async Task<JsonDocument> GetAsync(Uri url, string action, CancellationToken cancellationToken)
    {
        if (tokens is null)
        {
            return await transport.GetDocumentAsync(url, action, cancellationToken, h => h.TryAddWithoutValidation("X-API-Key", options.ApiKey)).ConfigureAwait(false);
        }

        string token = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await transport.GetDocumentAsync(url, action, cancellationToken, Bearer(token)).ConfigureAwait(false);
        }
        catch (ProviderResponseException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The token expired early or the server restarted: renew once, then let a second 401 surface.
            tokens.Invalidate(token);
            string renewed = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            return await transport.GetDocumentAsync(url, action, cancellationToken, Bearer(renewed)).ConfigureAwait(false);
        }
    }

    private static Action<HttpRequestHeaders> Bearer(string token) => h => h.Authorization = new AuthenticationHeaderValue("Bearer", token);

    /// <summary>Accepts a plain array or a paginated <c>{results: [...]}</c> object.</summary>
    private static IEnumerable<JsonElement> Results(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => root.EnumerateArray(),
        JsonValueKind.Object => Flex.Array(root, "results"),
        _ => throw new JsonFieldException(string.Empty, $"expected a list, got {Flex.Describe(root.ValueKind)}"),
    };

    private static DispatcharrAccount Account(JsonElement item)
    {
        Flex.EnsureObject(item);
        return new DispatcharrAccount
        {
            Id = Flex.RequiredInt64(item, "id"),
            Name = Flex.String(item, "name") ?? string.Empty,
            MaxStreams = Flex.Int32(item, "max_streams") ?? 0,
            IsActive = Flex.Bool(item, "is_active") ?? true,
            AccountType = Flex.String(item, "account_type"),
            ServerUrl = Flex.String(item, "server_url"),
            Profiles = Flex.Array(item, "profiles")
                .Where(p => p.ValueKind == JsonValueKind.Object && Flex.Int64(p, "id") is not null)
                .Select(p => new DispatcharrProfile(
                    Flex.RequiredInt64(p, "id"),
                    Flex.String(p, "name") ?? string.Empty,
                    Flex.Int32(p, "max_streams") ?? 0,
                    Flex.Bool(p, "is_active") ?? true,
                    Flex.Bool(p, "is_default") ?? false))
                .ToList(),
        };
    }

    private static DispatcharrStream Stream(JsonElement item)
    {
        Flex.EnsureObject(item);
        return new DispatcharrStream
        {
            Id = Flex.RequiredInt64(item, "id"),
            Name = Flex.String(item, "name") ?? string.Empty,
            Url = Flex.String(item, "url"),
            AccountId = Flex.Int64(item, "m3u_account"),
            TvgId = Flex.String(item, "tvg_id"),
            LogoUrl = Flex.String(item, "logo_url"),
            ChannelGroup = Flex.String(item, "channel_group"),
            StreamHash = Flex.String(item, "stream_hash"),
            UpdatedAt = Flex.IsoTime(item, "updated_at"),
            IsStale = Flex.Bool(item, "is_stale") ?? false,
        };
    }
}
