using System.Text.Json;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests.Checks;

/// <summary>
/// An xtream source linked to its Dispatcharr M3U account: the connections Dispatcharr's proxy holds on the account (the
/// sandbox lists its open streams in <c>/proxy/ts/status</c>) come off what a check may use.
/// </summary>
public sealed class DispatcharrLimitTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Check_WhileDispatcharrHoldsOneOfThreeConnections_UsesTwoAndStaysUnderTheLimit()
    {
        await using CheckHost host = await StartLinkedAsync();
        using var viewers = new HttpClient();
        using HttpResponseMessage held = await HoldStreamAsync(viewers, host, 40);

        string id = await host.StartAsync("a/1", "a/2", "a/3", "a/4", "a/5", "a/6");
        JsonElement status = await host.WaitAsync(id);

        JsonElement account = status.GetProperty("summary").GetProperty("accounts")[0];
        Assert.True(2 == account.GetProperty("limit").GetInt32(), status.ToString());
        Assert.Equal(6, status.GetProperty("summary").GetProperty("tally").GetProperty("byStatus").GetProperty("Ok").GetInt32());
        Assert.InRange(host.Sandbox.Counters.PeakStreams("a"), 2, 3);
    }

    [Fact]
    public async Task Check_WhileDispatcharrHoldsEveryConnection_ProbesNothingAndSaysWhy()
    {
        await using CheckHost host = await StartLinkedAsync();
        using var viewers = new HttpClient();
        using HttpResponseMessage first = await HoldStreamAsync(viewers, host, 40);
        using HttpResponseMessage second = await HoldStreamAsync(viewers, host, 41);
        using HttpResponseMessage third = await HoldStreamAsync(viewers, host, 42);

        string id = await host.StartAsync("a/1", "a/2");
        JsonElement status = await host.WaitAsync(id);

        JsonElement summary = status.GetProperty("summary");
        JsonElement account = summary.GetProperty("accounts")[0];
        Assert.Contains("held by Dispatcharr", account.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, summary.GetProperty("tally").GetProperty("notChecked").GetInt32());
        Assert.Equal(0, summary.GetProperty("tally").GetProperty("checked").GetInt32());
        Assert.Equal(3, host.Sandbox.Counters.PeakStreams("a"));
        Assert.Empty(await host.HealthAsync("a"));
    }

    private Task<CheckHost> StartLinkedAsync() => CheckHost.StartAsync(
        azurite.ConnectionString,
        new Dictionary<string, int> { ["a"] = 3 },
        new Dictionary<string, string?> { ["Sources:a:DispatcharrAccountId"] = "1" }); // the sandbox numbers its accounts from 1

    /// <summary>Opens a live stream of account a outside MediaSync, as a Dispatcharr viewer would, and keeps it open.</summary>
    private static async Task<HttpResponseMessage> HoldStreamAsync(HttpClient client, CheckHost host, int streamId)
    {
        HttpResponseMessage response = await client.GetAsync(new Uri(host.Sandbox.XtreamUri, $"live/a/pw-a/{streamId}.ts"), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return response;
    }
}
