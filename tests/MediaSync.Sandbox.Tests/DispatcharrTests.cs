using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MediaSync.Sandbox.Tests;

public sealed class DispatcharrTests
{
    [Fact]
    public async Task Token_ValidLogin_AccessTokenOpensApiAndBadTokenIsRejected()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = SandboxClient.Create(sandbox);

        using var login = await http.PostAsJsonAsync("api/accounts/token/", new { username = sandbox.Options.DispatcharrUsername, password = sandbox.Options.DispatcharrPassword });
        var tokens = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement;
        var access = tokens.GetProperty("access").GetString();
        var accounts = await http.GetJsonAsync("api/m3u/accounts/", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access));
        using var forged = new HttpRequestMessage(HttpMethod.Get, "api/m3u/accounts/");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "forged");
        using var rejected = await http.SendAsync(forged);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True(tokens.TryGetProperty("refresh", out _));
        var account = Assert.Single(accounts.EnumerateArray());
        Assert.Equal(sandbox.Account.MaxConnections, account.GetProperty("max_streams").GetInt32());
        Assert.Equal("XC", account.GetProperty("account_type").GetString());
        Assert.False(account.TryGetProperty("password", out _));
        Assert.Equal(account.GetProperty("id").GetInt32(), account.GetProperty("profiles")[0].GetProperty("account").GetProperty("id").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal("token_not_valid", JsonDocument.Parse(await rejected.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Token_FourthLoginWithinAMinute_Throttled()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = SandboxClient.Create(sandbox);
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 4; i++)
        {
            using var login = await http.PostAsJsonAsync("api/accounts/token/", new { username = "admin", password = sandbox.Options.DispatcharrPassword });
            statuses.Add(login.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Streams_DrfPaging_CoversEveryLiveChannelOnceAndPastEndIs404()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Catalog = { LiveChannels = 120 } });
        using var http = SandboxClient.Create(sandbox);
        http.DefaultRequestHeaders.Add("X-API-Key", sandbox.Options.DispatcharrApiKey);
        var ids = new List<int>();
        string? next = "api/channels/streams/?page=1&page_size=50";

        while (next is not null)
        {
            var page = await http.GetJsonAsync(next);
            Assert.Equal(120, page.GetProperty("count").GetInt32());
            ids.AddRange(page.GetProperty("results").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }

        using var pastEnd = await http.GetAsync("api/channels/streams/?page=4&page_size=50");

        var channelStreams = await http.GetJsonAsync("api/channels/channels/7/streams/");
        using var unknownChannel = await http.GetAsync("api/channels/channels/999/streams/");

        Assert.Equal(Enumerable.Range(1, 120), ids);
        Assert.Equal(HttpStatusCode.NotFound, pastEnd.StatusCode);
        Assert.Equal(7, Assert.Single(channelStreams.EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknownChannel.StatusCode);
    }

    [Fact]
    public async Task ProxyStatus_OpenLiveStream_ListedWithAccountProfile()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = SandboxClient.Create(sandbox);
        http.DefaultRequestHeaders.Add("X-API-Key", sandbox.Options.DispatcharrApiKey);

        using (var stream = await http.GetAsync($"live/{sandbox.Account.Username}/{sandbox.Account.Password}/3.ts", HttpCompletionOption.ResponseHeadersRead))
        {
            var status = await http.GetJsonAsync("proxy/ts/status");
            var channels = await http.GetJsonAsync("api/channels/channels/");

            Assert.Equal(1, status.GetProperty("count").GetInt32());
            var entry = status.GetProperty("channels")[0];
            Assert.Equal(1, entry.GetProperty("m3u_profile_id").GetInt32());
            var channel = channels.EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == 3);
            Assert.Equal(channel.GetProperty("uuid").GetString(), entry.GetProperty("channel_id").GetString());
            Assert.DoesNotContain(sandbox.Account.Password, entry.GetProperty("url").GetString(), StringComparison.Ordinal);
        }

        await MediaSync.TestSupport.Eventually.TrueAsync(() => sandbox.Counters.CurrentStreams(sandbox.Account.Username) == 0, TimeSpan.FromSeconds(10), "the closed stream is released");
        var after = await http.GetJsonAsync("proxy/ts/status");
        Assert.Equal(0, after.GetProperty("count").GetInt32());
    }
}
