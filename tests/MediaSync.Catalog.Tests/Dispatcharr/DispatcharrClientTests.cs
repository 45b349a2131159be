using System.Text.Json;
using MediaSync.Catalog.Dispatcharr;
using MediaSync.Catalog.Model;
using MediaSync.Catalog.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace MediaSync.Catalog.Tests.Dispatcharr;

public sealed class DispatcharrClientTests
{
    private const string Accounts = """
        [{"id":1,"name":"Provider A","server_url":"http://a","max_streams":2,"is_active":true,"account_type":"XC","username":"u",
          "profiles":[{"id":11,"name":"A default","max_streams":2,"is_active":true,"is_default":true},{"id":12,"name":"A extra","max_streams":"1","is_active":true,"is_default":false}]},
         {"id":"2","name":"Provider B","max_streams":0,"is_active":"false","account_type":"STD","profiles":[{"id":21,"name":"B default","max_streams":0,"is_default":true}]}]
        """;

    private const string ProxyStatus = """
        {"channels":[{"channel_id":"uuid-1","state":"active","m3u_profile_id":11,"client_count":3},
                     {"channel_id":"uuid-2","state":"active","m3u_profile_id":12,"client_count":1},
                     {"channel_id":"uuid-3","state":"active","m3u_profile_id":21},
                     {"channel_id":"uuid-4","state":"initializing"}],"count":4}
        """;

    private sealed class FakeDispatcharr
    {
        public int Logins;
        public int Refreshes;
        public string CurrentAccess = "access-1";
        public bool RejectNextApiCall;

        public async Task Handle(HttpContext context)
        {
            string path = context.Request.Path.Value!;
            context.Response.ContentType = "application/json";
            if (path == "/api/accounts/token/")
            {
                using JsonDocument login = await JsonDocument.ParseAsync(context.Request.Body);
                if (login.RootElement.GetProperty("password").GetString() != "dispatch-pass")
                {
                    context.Response.StatusCode = 401;
                    await context.Response.WriteAsync("""{"detail":"No active account found with the given credentials"}""");
                    return;
                }

                Interlocked.Increment(ref Logins);
                await context.Response.WriteAsync($$"""{"access":"{{CurrentAccess}}","refresh":"refresh-1"}""");
                return;
            }

            if (path == "/api/accounts/token/refresh/")
            {
                Interlocked.Increment(ref Refreshes);
                CurrentAccess = "access-2";
                await context.Response.WriteAsync($$"""{"access":"{{CurrentAccess}}"}""");
                return;
            }

            if (RejectNextApiCall || context.Request.Headers.Authorization != $"Bearer {CurrentAccess}")
            {
                RejectNextApiCall = false;
                CurrentAccess = "access-2";
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync("""{"detail":"Given token not valid for any token type","code":"token_not_valid"}""");
                return;
            }

            await context.Response.WriteAsync(path switch
            {
                "/api/m3u/accounts/" => Accounts,
                "/proxy/ts/status" => ProxyStatus,
                "/api/channels/streams/" => StreamsPage(int.Parse(context.Request.Query["page"].ToString(), CultureInfo.InvariantCulture)),
                "/api/channels/channels/5/streams/" => """[{"id":7,"name":"Primary","url":"http://a/live/u/p/7.ts","m3u_account":1},{"id":3,"name":"Backup","m3u_account":2}]""",
                _ => "[]",
            });
        }

        private static string StreamsPage(int page) => page switch
        {
            1 => """{"count":3,"next":"http://x/api/channels/streams/?page=2","previous":null,"results":[{"id":1,"name":"S1","m3u_account":1,"tvg_id":"a","stream_hash":"h1","updated_at":"2026-01-01T00:00:00Z"},{"id":2,"name":"S2","m3u_account":1}]}""",
            _ => """{"count":3,"next":null,"previous":"http://x","results":[{"id":3,"name":"S3","m3u_account":"1","is_stale":true}]}""",
        };
    }

    private static DispatcharrClient CreateSut(Uri baseUrl, string password = "dispatch-pass", TimeProvider? time = null)
    {
        var options = new DispatcharrClientOptions { BaseUrl = baseUrl, Username = "admin", Password = password, PageSize = 2, Resilience = TestClients.FastResilience() };
        return new DispatcharrClient(TestClients.Http(options.Resilience), options, timeProvider: time);
    }

    [Fact]
    public async Task GetAccountsAsync_AccessTokenAged_RefreshesThenLogsInAgainOnlyAfterRefreshTokenExpires()
    {
        var fake = new FakeDispatcharr();
        var time = new ShiftableTimeProvider();
        await using RecordingServer server = await RecordingServer.StartAsync(fake.Handle);
        using DispatcharrClient sut = CreateSut(server.BaseUrl, time: time);

        await sut.GetAccountsAsync();
        time.Advance(TimeSpan.FromMinutes(10));
        await sut.GetAccountsAsync();
        Assert.Equal((1, 0), (fake.Logins, fake.Refreshes));

        time.Advance(TimeSpan.FromMinutes(20));
        await sut.GetAccountsAsync();
        Assert.Equal((1, 1), (fake.Logins, fake.Refreshes));

        time.Advance(TimeSpan.FromHours(24));
        fake.CurrentAccess = "access-3";
        await sut.GetAccountsAsync();
        Assert.Equal((2, 1), (fake.Logins, fake.Refreshes));
    }

    [Fact]
    public async Task GetAccountsAsync_LogsInOnceAndReusesTheToken()
    {
        var fake = new FakeDispatcharr();
        await using RecordingServer server = await RecordingServer.StartAsync(fake.Handle);
        using DispatcharrClient sut = CreateSut(server.BaseUrl);

        IReadOnlyList<DispatcharrAccount> first = await sut.GetAccountsAsync();
        IReadOnlyList<DispatcharrAccount> second = await sut.GetAccountsAsync();

        Assert.Equal(1, fake.Logins);
        Assert.Equal(2, second.Count);
        DispatcharrAccount a = first[0];
        Assert.Equal((1L, "Provider A", 2, true, "XC"), (a.Id, a.Name, a.MaxStreams, a.IsActive, a.AccountType));
        Assert.Equal([11L, 12L], a.Profiles.Select(p => p.Id));
        Assert.Equal(1, a.Profiles[1].MaxStreams);
        Assert.Equal((2L, 0, false), (first[1].Id, first[1].MaxStreams, first[1].IsActive));
    }

    [Fact]
    public async Task GetAccountsAsync_TokenRejected_RefreshesOnceAndSucceeds()
    {
        var fake = new FakeDispatcharr();
        await using RecordingServer server = await RecordingServer.StartAsync(fake.Handle);
        using DispatcharrClient sut = CreateSut(server.BaseUrl);
        await sut.GetAccountsAsync();
        fake.RejectNextApiCall = true;

        IReadOnlyList<DispatcharrAccount> accounts = await sut.GetAccountsAsync();

        Assert.Equal(2, accounts.Count);
        Assert.Equal((1, 1), (fake.Logins, fake.Refreshes));
    }

    [Fact]
    public async Task GetActiveStreamsAsync_ProxyStatus_CountsConnectionsPerAccountViaProfiles()
    {
        var fake = new FakeDispatcharr();
        await using RecordingServer server = await RecordingServer.StartAsync(fake.Handle);
        using DispatcharrClient sut = CreateSut(server.BaseUrl);

        IReadOnlyList<DispatcharrAccount> accounts = await sut.GetAccountsAsync();
        DispatcharrActiveStreams active = await sut.GetActiveStreamsAsync(accounts);

        Assert.Equal(2, active.For(1));
        Assert.Equal(1, active.For(2));
        Assert.Equal(0, active.For(99));
        Assert.Equal(1, active.Unattributed);
    }

    [Fact]
    public async Task GetStreamsAsync_PagedResults_FollowsNextUntilNull()
    {
        var fake = new FakeDispatcharr();
        await using RecordingServer server = await RecordingServer.StartAsync(fake.Handle);
        using DispatcharrClient sut = CreateSut(server.BaseUrl);

        List<DispatcharrStream> streams = await sut.GetStreamsAsync(accountId: 1).ToListAsync();

        Assert.Equal([1L, 2L, 3L], streams.Select(s => s.Id));
        Assert.True(streams[2].IsStale);
        Assert.Equal("h1", streams[0].StreamHash);
        Assert.Contains(server.Requests, r => r.Path == "/api/channels/streams/" && r.Query.Contains("m3u_account=1", StringComparison.Ordinal) && r.Query.Contains("page=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetChannelStreamsAsync_PlainArray_KeepsFailoverOrder()
    {
        var fake = new FakeDispatcharr();
        await using RecordingServer server = await RecordingServer.StartAsync(fake.Handle);
        using DispatcharrClient sut = CreateSut(server.BaseUrl);

        IReadOnlyList<DispatcharrStream> streams = await sut.GetChannelStreamsAsync(5);

        Assert.Equal([7L, 3L], streams.Select(s => s.Id));
    }

    [Fact]
    public async Task GetAccountsAsync_BadLogin_ThrowsUnauthorizedWithoutPassword()
    {
        var fake = new FakeDispatcharr();
        await using RecordingServer server = await RecordingServer.StartAsync(fake.Handle);
        using DispatcharrClient sut = CreateSut(server.BaseUrl, password: "wrong-password-42");

        var error = await Assert.ThrowsAsync<MediaSync.Catalog.Providers.ProviderResponseException>(() => sut.GetAccountsAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("Dispatcharr token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-42", error.ToString(), StringComparison.Ordinal);
    }
}
