using Azure.Data.Tables;
using MediaSync.Durable;
using MediaSync.Functions.Slots;
using MediaSync.Functions.TestWorker;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Functions.Tests.Slots;

/// <summary>
/// Many holders on many accounts across two hosts, one of them SIGKILLed mid-run: the recorded work intervals never
/// exceed a limit, every waiter is granted in the end, and nothing stays held after the TTL.
/// </summary>
public sealed class RandomizedSlotTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Accounts = 20;
    private const int Orchestrations = 100;
    private const int RoundsEach = 5;
    private const int GlobalCap = 40;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Randomized_500Pairs_CrashedHoldersAndAKilledHost_NeverExceedLimits_AllGranted_NothingLeaks()
    {
        int seed = Random.Shared.Next();
        var random = new Random(seed);
        string hub = UniqueNames.TaskHub("rnd");
        var intervals = new IntervalTable(new TableClient(azurite.ConnectionString, UniqueNames.Table("iv")));
        await intervals.Table.CreateIfNotExistsAsync();

        using SlotsWorkerProcess other = await SlotsWorkerProcess.StartAsync(azurite.ConnectionString, hub, intervals.Table.Name);
        using var host = SlotsWorker.Build(azurite.ConnectionString, hub, intervals.Table.Name, Microsoft.Extensions.Logging.LogLevel.None);
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var limits = Enumerable.Range(0, Accounts).ToDictionary(i => $"r{i:D2}", _ => random.Next(0, 6));
            foreach (var (account, limit) in limits)
            {
                await client.Entities.SignalEntityAsync(AccountSlots.For(account), "SetLimit", limit);
            }

            await client.Entities.SignalEntityAsync(GlobalSlots.Id, "SetLimit", GlobalCap);
            foreach (var (account, limit) in limits)
            {
                await Eventually.TrueAsync(async () => await client.Entities.GetEntityAsync<SlotsState>(AccountSlots.For(account)) is { } e && e.State.Limit == limit, Timeout, $"{account}'s limit is set");
            }

            var plans = Enumerable.Range(0, Orchestrations)
                .Select(_ => Enumerable.Range(0, RoundsEach).Select(_ => new SlotRound($"r{random.Next(Accounts):D2}", random.Next(20, 120), Crash: random.NextDouble() < 0.03)).ToList())
                .ToList();
            int crashes = plans.Sum(p => p.Count(r => r.Crash));
            string[] ids = await Task.WhenAll(plans.Select((plan, i) =>
                client.ScheduleNewOrchestrationInstanceAsync(SlotsWorker.Rounds, plan, new StartOrchestrationOptions($"rounds-{i:D3}"))));

            // Kill the other host once it has done a fair share of the work.
            await Eventually.TrueAsync(async () => (await intervals.ReadAllAsync()).Count(r => r.Pid == other.Id) >= 20, Timeout, $"the other host worked under 20 slots (seed {seed})");
            other.Kill();

            int worked = 0;
            foreach (string id in ids)
            {
                using var cts = new CancellationTokenSource(Timeout);
                var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
                Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id} ended {done.RuntimeStatus}: {done.FailureDetails} (seed {seed})");
                worked += done.ReadOutputAs<int>();
            }

            var rows = await intervals.ReadAllAsync();
            Assert.Equal(worked, rows.Count); // every round that worked recorded exactly one interval
            // A round whose lease expired before its work could start (slow machine, or re-run after the kill) skips the work.
            Assert.True(worked >= Orchestrations * RoundsEach / 2, $"only {worked} of {Orchestrations * RoundsEach} rounds worked (seed {seed})");
            Assert.Contains(rows, r => r.Pid != other.Id);
            foreach (var (account, limit) in limits.Where(l => l.Value > 0))
            {
                int peak = Peak(rows.Where(r => r.Account == account).Select(r => (r.Start, r.End)));
                Assert.True(peak <= limit, $"{account} had {peak} slots in use at once, limit {limit} (seed {seed})");
            }

            int globalPeak = Peak(rows.Select(r => (r.Start, r.End)));
            Assert.True(globalPeak <= GlobalCap, $"{globalPeak} checks at once, global cap {GlobalCap} (seed {seed})");

            // Crashed holders' leases expire (TTL 8 s): nothing stays held or queued, and each crash was counted.
            long expired = 0;
            foreach (string account in limits.Keys)
            {
                await Eventually.TrueAsync(async () => await client.Entities.GetEntityAsync<SlotsState>(AccountSlots.For(account)) is { } e && e.State.Held.Count == 0 && e.State.Waiting.Count == 0, Timeout, $"{account} holds nothing after the TTL (seed {seed})");
                expired += (await client.Entities.GetEntityAsync<SlotsState>(AccountSlots.For(account)))!.State.Expired;
            }

            await Eventually.TrueAsync(async () => await client.Entities.GetEntityAsync<SlotsState>(GlobalSlots.Id) is { } g && g.State.Held.Count == 0 && g.State.Waiting.Count == 0, Timeout, $"no global slot is held after the TTL (seed {seed})");
            Assert.True(expired >= crashes, $"{expired} leases expired, {crashes} holders crashed (seed {seed})");
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(stop.Token);
            await intervals.Table.DeleteAsync();
        }
    }

    private static int Peak(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> intervals)
    {
        int open = 0, peak = 0;
        foreach (var (_, delta) in intervals.SelectMany(i => new[] { (At: i.Start, Delta: 1), (At: i.End, Delta: -1) }).OrderBy(e => e.At).ThenBy(e => e.Delta))
        {
            open += delta;
            peak = Math.Max(peak, open);
        }

        return peak;
    }
}
