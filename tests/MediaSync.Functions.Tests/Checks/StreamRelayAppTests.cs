using System.Net;
using System.Text.Json;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests.Checks;

/// <summary>The relay through the app's endpoint: catalog-resolved upstream, the account's viewer slot, the sandbox counting connections.</summary>
public sealed class StreamRelayAppTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Dictionary<string, string?> FastRelay = new() { ["Relay:Source"] = "a", ["Streams:Relay:GracePeriod"] = "00:00:00.200" };

    [Fact]
    public async Task Viewers_ShareOneUpstream_WithIdenticalBytes_AFullAccountAnswers429_AndTheSlotIsReleasedAfterTheLast()
    {
        await using CheckHost host = await CheckHost.StartAsync(azurite.ConnectionString, new Dictionary<string, int> { ["a"] = 5 }, FastRelay, streamBitsPerSecond: 8_000_000);
        await host.SeedLiveChannelsAsync("a", 1, 2);

        // Nobody set a's limit yet: the slots' safe default of one connection applies, so one upstream fills the account.
        using HttpResponseMessage first = await OpenAsync(host, "/api/streams/1/live");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("video/mp2t", first.Content.Headers.ContentType?.MediaType);
        using HttpResponseMessage second = await OpenAsync(host, "/api/streams/1/live");
        using HttpResponseMessage third = await OpenAsync(host, "/api/streams/1/live");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);

        byte[] early = await ReadAsync(first, 512 * 1024);
        byte[] later2 = await ReadAsync(second, 64 * 1024);
        byte[] later3 = await ReadAsync(third, 64 * 1024);
        // Viewers 2 and 3 joined just after viewer 1, so their first bytes are an unbroken run of what viewer 1 received.
        Assert.True(Contains(early, later2), "viewer 2's bytes are a run of viewer 1's stream");
        Assert.True(Contains(early, later3), "viewer 3's bytes are a run of viewer 1's stream");
        Assert.Equal(1, host.Sandbox.Counters.PeakStreams("a"));

        using HttpResponseMessage full = await OpenAsync(host, "/api/streams/2/live");
        Assert.Equal(HttpStatusCode.TooManyRequests, full.StatusCode);
        JsonElement problem = JsonDocument.Parse(await full.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("No free connection for this stream", problem.GetProperty("title").GetString());
        Assert.Contains("account a", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using HttpResponseMessage unknown = await OpenAsync(host, "/api/streams/49/live");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        first.Dispose();
        second.Dispose();
        third.Dispose();
        await Eventually.TrueAsync(async () => await host.SlotsInUseAsync("a") == 0 && host.Sandbox.Counters.CurrentStreams("a") == 0, CheckHost.Timeout, "the upstream closes and the viewer slot is released after the last viewer left");
        using HttpResponseMessage again = await OpenAsync(host, "/api/streams/2/live");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task ActiveViewer_ReducesCheckConcurrency_ChecksStayWithinTheLimit()
    {
        await using CheckHost host = await CheckHost.StartAsync(azurite.ConnectionString, new Dictionary<string, int> { ["a"] = 2 }, FastRelay);
        await host.SeedLiveChannelsAsync("a", 1, 2, 3, 4);

        // A first check sets a's limit from the provider (max_connections 2); then a viewer takes one of the two.
        string warmUp = await host.StartAsync("a/4");
        await host.WaitAsync(warmUp);
        using HttpResponseMessage viewer = await OpenAsync(host, "/api/streams/4/live");
        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
        await ReadAsync(viewer, 1024);

        string id = await host.StartAsync(new { account = "a" });
        JsonElement status = await host.WaitAsync(id);

        // With the viewer's upstream open, a second concurrent probe would make three connections and the sandbox would refuse it.
        JsonElement summary = status.GetProperty("summary");
        Assert.Equal(4, summary.GetProperty("total").GetInt32());
        Assert.Equal(4, summary.GetProperty("tally").GetProperty("byStatus").GetProperty("Ok").GetInt32());
        Assert.Equal(2, host.Sandbox.Counters.PeakStreams("a"));
        Assert.Equal(1, host.Sandbox.Counters.CurrentStreams("a"));
    }

    private static async Task<HttpResponseMessage> OpenAsync(CheckHost host, string path)
    {
        using HttpRequestMessage request = host.App.Request(HttpMethod.Get, path, AppHost.FunctionKey);
        return await host.App.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static async Task<byte[]> ReadAsync(HttpResponseMessage response, int count)
    {
        Stream body = await response.Content.ReadAsStreamAsync();
        byte[] buffer = new byte[count];
        await body.ReadExactlyAsync(buffer).AsTask().WaitAsync(CheckHost.Timeout);
        return buffer;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
