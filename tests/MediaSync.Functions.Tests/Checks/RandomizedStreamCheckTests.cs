using System.Text.Json;
using MediaSync.TestSupport;
using Xunit.Abstractions;

namespace MediaSync.Functions.Tests.Checks;

/// <summary>
/// Many checks over many accounts on two hosts of the app sharing one task hub, one of them a separate OS process that is
/// SIGKILLed midway. The sandbox enforces every account's limit (a stream over it gets 403), so all-Ok means no check
/// ever exceeded a limit, and its peak counters say the same.
/// </summary>
public sealed class RandomizedStreamCheckTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int Accounts = 20;
    private const int Streams = 500;
    private const int ChannelsPerAccount = 50;

    [Fact]
    public async Task Randomized_500ChecksOver20Accounts_HostKilledMidway_AllCompleteOk_NoLimitExceeded()
    {
        int seed = Random.Shared.Next();
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var limits = Enumerable.Range(0, Accounts).ToDictionary(i => $"r{i:D2}", _ => random.Next(1, 6));
        await using CheckHost host = await CheckHost.StartAsync(azurite.ConnectionString, limits, new Dictionary<string, string?>
        {
            ["Streams:Probe:SampleWindow"] = "00:00:00.100",

            // Two app hosts, Azurite and the sandbox share the machine: under load a first byte can take seconds. A probe
            // that timed out would leave its stream closing while the slot's next probe connects, and a limit-1 account
            // then refuses it (403), which is load, not a limit the slots broke.
            ["Streams:Probe:FirstByteTimeout"] = "00:00:10",
            ["Streams:Probe:TotalTimeout"] = "00:00:15",
            ["Checks:SlotTtl"] = "00:00:20",
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:10",
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:00:10",
        });
        using AppProcess other = await AppProcess.StartAsync(
            new Dictionary<string, string?>(host.Settings) { ["Logging:LogLevel:Default"] = "Warning" }, TimeSpan.FromSeconds(90));

        string[] streams = [.. Enumerable.Range(0, Accounts * ChannelsPerAccount).OrderBy(_ => random.Next()).Take(Streams)
            .Select(i => $"r{i / ChannelsPerAccount:D2}/{(i % ChannelsPerAccount) + 1}")];
        string id = await host.StartAsync(streams);

        await Eventually.TrueAsync(async () => (await host.GetAsync($"/api/checks/{id}")).GetProperty("progress").GetProperty("done").GetInt32() >= Streams / 4,
            CheckHost.Timeout, $"a quarter of the checks are done (seed {seed})");
        other.Kill();
        JsonElement status = await host.WaitAsync(id);

        JsonElement tally = status.GetProperty("summary").GetProperty("tally");
        if (!tally.GetProperty("byStatus").TryGetProperty("Ok", out JsonElement ok) || ok.GetInt32() != Streams)
        {
            // Name what went wrong where: each stream that was not Ok with its HTTP status, and the sandbox's peaks.
            var notOk = new List<string>();
            foreach (string account in limits.Keys)
            {
                JsonElement page = await host.GetAsync($"/api/health/streams/{account}?pageSize=1000");
                notOk.AddRange(page.GetProperty("items").EnumerateArray()
                    .Where(e => e.GetProperty("status").GetString() != "Ok")
                    .Select(e => $"{account}/{e.GetProperty("streamId").GetString()} {e.GetProperty("status").GetString()} HTTP {e.GetProperty("httpStatus")}"));
            }

            Assert.Fail($"seed {seed}: {tally}; not Ok: {string.Join("; ", notOk)}; peaks: " +
                string.Join(", ", limits.Select(l => $"{l.Key} {host.Sandbox.Counters.PeakStreams(l.Key)}/{l.Value}")));
        }

        Assert.Equal(Streams, tally.GetProperty("checked").GetInt32());
        foreach (var (account, limit) in limits)
        {
            Assert.InRange(host.Sandbox.Counters.PeakStreams(account), 0, limit);
        }

        output.WriteLine($"elapsed {status.GetProperty("summary").GetProperty("elapsedSeconds").GetDouble():0.0} s; peaks " +
            string.Join(", ", limits.Select(l => $"{l.Key} {host.Sandbox.Counters.PeakStreams(l.Key)}/{l.Value}")));
    }
}
