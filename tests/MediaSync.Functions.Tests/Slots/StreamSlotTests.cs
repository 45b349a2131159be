using MediaSync.Functions.Slots;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests.Slots;

/// <summary>The slot entities and the orchestration helper on the real durable runtime over Azurite.</summary>
public sealed class StreamSlotTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ReferenceScenario_NeverExceedsLimits_AllComplete_A2AfterA1()
    {
        await using SlotsHost host = await SlotsHost.StartAsync(azurite.ConnectionString);
        await host.SetLimitAsync("a", 1);
        await host.SetLimitAsync("b", 2);

        string[] tags = ["a1", "a2", "b1", "b2", "b3"];
        string[] ids = await Task.WhenAll(tags.Select(t => host.StartHolderAsync(new SlotHolderInput(t[..1], t, HoldMs: 700))));
        foreach (string id in ids)
        {
            Assert.StartsWith("done:", await host.WaitAsync(id), StringComparison.Ordinal);
        }

        Assert.Equal(1, host.Recorder.MaxConcurrent("a"));
        Assert.Equal(2, host.Recorder.MaxConcurrent("b")); // 700 ms holds: two B checks overlap, a third never joins
        var (firstA, secondA) = host.Recorder.Interval("a1").Start < host.Recorder.Interval("a2").Start ? ("a1", "a2") : ("a2", "a1");
        Assert.True(host.Recorder.Interval(secondA).Start >= host.Recorder.Interval(firstA).End, $"{secondA} started before {firstA} released");
        await host.WaitForStateAsync(AccountSlots.For("a"), s => s.Held.Count == 0 && s.Waiting.Count == 0, "account a holds nothing after all released");
        await host.WaitForStateAsync(AccountSlots.For("b"), s => s.Held.Count == 0 && s.Waiting.Count == 0, "account b holds nothing after all released");
        await host.WaitForStateAsync(GlobalSlots.Id, s => s.Held.Count == 0, "no global slot is held after all released");
    }

    [Fact]
    public async Task ActiveViewer_AdmitsOneCheckAtATime_AndViewerRefusedWhenFull()
    {
        await using SlotsHost host = await SlotsHost.StartAsync(azurite.ConnectionString);
        await host.SetLimitAsync("acme", 2);
        var viewer = await RunViewerProbeAsync(host, "viewer-1");
        Assert.Equal(SlotOutcome.Granted, viewer.Outcome);

        string c1 = await host.StartHolderAsync(new SlotHolderInput("acme", "c1", HoldMs: 0, WaitForFinish: true));
        string c2 = await host.StartHolderAsync(new SlotHolderInput("acme", "c2", HoldMs: 0, WaitForFinish: true));
        await host.WaitForStateAsync(AccountSlots.For("acme"), s => s.Held.Count == 2 && s.Waiting.Count == 1, "one check holds, the other waits");
        var refused = await RunViewerProbeAsync(host, "viewer-2");
        Assert.Equal(SlotOutcome.Refused, refused.Outcome);
        Assert.Equal("account acme uses 2 of 2 connections", refused.Reason);

        string first = (await host.StateAsync(AccountSlots.For("acme")))!.Held.Single(l => l.Kind == SlotKind.Check).Holder;
        string second = first == c1 ? c2 : c1;
        Assert.False(host.Recorder.HasStarted(second == c1 ? "c1" : "c2"), "the waiting check has not started its work");
        await host.Client.RaiseEventAsync(first, "finish");
        await host.WaitForStateAsync(AccountSlots.For("acme"), s => s.Held.Count == 2 && s.Waiting.Count == 0, "the second check got the slot the first gave back");
        await host.Client.RaiseEventAsync(second, "finish");
        await host.WaitAsync(c1);
        await host.WaitAsync(c2);
        await host.WaitForStateAsync(AccountSlots.For("acme"), s => s.Held.Count == 1 && s.Held[0].Kind == SlotKind.Viewer, "only the viewer holds a slot");
    }

    [Fact]
    public async Task DuplicateAndUnknownRelease_AreHarmless_AndGrantTheWaiterOnce()
    {
        await using SlotsHost host = await SlotsHost.StartAsync(azurite.ConnectionString);
        var account = AccountSlots.For("dup");
        string x = await host.StartHolderAsync(new SlotHolderInput("dup", "x", WaitForFinish: true));
        await host.WaitForStateAsync(account, s => s.Held.Count == 1, "x holds the only slot (default limit 1)");
        string xLease = (await host.StateAsync(account))!.Held[0].LeaseId;
        string y = await host.StartHolderAsync(new SlotHolderInput("dup", "y", WaitForFinish: true));
        string z = await host.StartHolderAsync(new SlotHolderInput("dup", "z", WaitForFinish: true));
        await host.WaitForStateAsync(account, s => s.Waiting.Count == 2, "y and z wait");

        await host.Client.Entities.SignalEntityAsync(account, "Release", "no-such-lease");
        await host.Client.Entities.SignalEntityAsync(account, "Release", xLease);
        await host.Client.Entities.SignalEntityAsync(account, "Release", xLease);
        await host.WaitForStateAsync(account, s => s.Waiting.Count == 1, "the released slot went to the head waiter");
        await host.Client.RaiseEventAsync(x, "finish"); // x's own release (a third one) must not free y's slot
        Assert.StartsWith("done:", await host.WaitAsync(x), StringComparison.Ordinal);

        var state = (await host.StateAsync(account))!;
        Assert.Single(state.Held);
        Assert.Single(state.Waiting);
        string holder = state.Held[0].Holder;
        await host.Client.RaiseEventAsync(holder, "finish");
        await host.WaitAsync(holder);
        string last = holder == y ? z : y;
        await host.WaitForStateAsync(account, s => s.Held.Count == 1 && s.Held[0].Holder == last && s.Waiting.Count == 0, "the last waiter holds the slot");
        await host.Client.RaiseEventAsync(last, "finish");
        await host.WaitAsync(last);
        await host.WaitForStateAsync(account, s => s.Held.Count == 0, "nothing is held at the end");
    }

    [Fact]
    public async Task UnlimitedAccount_GrantsEveryone_AndLimitLoweredWhileHeld_AppliesToNewGrantsOnly()
    {
        await using SlotsHost host = await SlotsHost.StartAsync(azurite.ConnectionString);
        var account = AccountSlots.For("open");
        await host.SetLimitAsync("open", 0);
        string[] holders = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => host.StartHolderAsync(new SlotHolderInput("open", $"u{i}", WaitForFinish: true))));
        await host.WaitForStateAsync(account, s => s.Held.Count == 5 && s.Waiting.Count == 0, "all five hold a slot at once");

        await host.SetLimitAsync("open", 2);
        Assert.Equal(5, (await host.StateAsync(account))!.Held.Count);
        string late = await host.StartHolderAsync(new SlotHolderInput("open", "late", WaitForFinish: true));
        await host.WaitForStateAsync(account, s => s.Waiting.Count == 1, "a new check waits under the lowered limit");

        for (int i = 0; i < 3; i++)
        {
            await host.Client.RaiseEventAsync(holders[i], "finish");
            await host.WaitAsync(holders[i]);
        }

        // 2 still held = the new limit: the newcomer still waits.
        await host.WaitForStateAsync(account, s => s.Held.Count == 2, "three released");
        Assert.Single((await host.StateAsync(account))!.Waiting);
        await host.Client.RaiseEventAsync(holders[3], "finish");
        await host.WaitForStateAsync(account, s => s.Held.Count == 2 && s.Waiting.Count == 0 && s.Held.Exists(l => l.Holder == late), "the newcomer is granted once below the limit");
        await host.Client.RaiseEventAsync(holders[4], "finish");
        await host.Client.RaiseEventAsync(late, "finish");
        await host.WaitAsync(late);
    }

    [Fact]
    public async Task AcquireTimeout_LeavesTheLine_AndGivesBackTheAccountSlotWhenTheGlobalOneTimesOut()
    {
        await using SlotsHost host = await SlotsHost.StartAsync(azurite.ConnectionString);
        string x = await HoldTheOnlyGlobalSlotAsync(host, "t1");

        // Same account: waits for the account slot and times out.
        string sameAccount = await host.StartHolderAsync(new SlotHolderInput("t1", "y", WaitTimeoutMs: 1500));
        // Other account: gets its account slot, then waits for the global one and times out.
        string otherAccount = await host.StartHolderAsync(new SlotHolderInput("t2", "z", WaitTimeoutMs: 1500));

        Assert.Equal("timeout", await host.WaitAsync(sameAccount));
        Assert.Equal("timeout", await host.WaitAsync(otherAccount));
        await host.WaitForStateAsync(AccountSlots.For("t1"), s => s.Held.Count == 1 && s.Waiting.Count == 0, "y left t1's line");
        await host.WaitForStateAsync(AccountSlots.For("t2"), s => s.Held.Count == 0 && s.Waiting.Count == 0, "z gave its account slot back");
        await host.WaitForStateAsync(GlobalSlots.Id, s => s.Held.Count == 1 && s.Waiting.Count == 0, "z left the global line");
        await host.Client.RaiseEventAsync(x, "finish");
        await host.WaitAsync(x);
        await host.WaitForStateAsync(GlobalSlots.Id, s => s.Held.Count == 0, "x released the global slot");
    }

    [Fact]
    public async Task GlobalLine_GrantsHigherPriorityFirst_EqualPrioritiesInArrivalOrder()
    {
        await using SlotsHost host = await SlotsHost.StartAsync(azurite.ConnectionString);
        string x = await HoldTheOnlyGlobalSlotAsync(host, "g0");

        string[] order = ["low", "high1", "high2"];
        int[] priorities = [1, 5, 5];
        var holders = new List<string>();
        for (int i = 0; i < order.Length; i++)
        {
            holders.Add(await host.StartHolderAsync(new SlotHolderInput($"g{i + 1}", order[i], HoldMs: 50, GlobalPriority: priorities[i])));
            await host.WaitForStateAsync(GlobalSlots.Id, s => s.Waiting.Count == i + 1, $"{order[i]} waits for the global slot");
        }

        await host.Client.RaiseEventAsync(x, "finish");
        foreach (string holder in holders)
        {
            Assert.StartsWith("done:", await host.WaitAsync(holder), StringComparison.Ordinal);
        }

        Assert.True(host.Recorder.Interval("high1").End <= host.Recorder.Interval("high2").Start, "high1 came before high2 with the same priority");
        Assert.True(host.Recorder.Interval("high2").End <= host.Recorder.Interval("low").Start, "the lower priority went last");
    }

    [Fact]
    public async Task QueuedForTheGlobalSlotLongerThanTheTtl_KeepsTheAccountLease_ThenIsGranted()
    {
        await using SlotsHost host = await SlotsHost.StartAsync(azurite.ConnectionString);
        string x = await HoldTheOnlyGlobalSlotAsync(host, "k1");

        // z gets its account slot with a 15 s lease, then queues for the global slot for more than one TTL. (Renewal
        // comes a third of the TTL before expiry: the 5 s must hold a durable timer, which storage shows up to a second
        // late as it counts whole seconds, a poll and an entity call on a busy machine; 2 s of 6 did not always, and 3 s
        // of 9 failed on a fresh CI machine once.) A renewal at first - 5 s moves the expiry to first + 10 s, the next
        // to first + 20 s: past first + 17.5 s means two renewals, the second up to 2.5 s late.
        string z = await host.StartHolderAsync(new SlotHolderInput("k2", "z", TtlMs: 15_000));
        await host.WaitForStateAsync(AccountSlots.For("k2"), s => s.Held.Count == 1, "z holds its account slot");
        DateTimeOffset firstExpiry = (await host.StateAsync(AccountSlots.For("k2")))!.Held[0].ExpiresAt;
        await host.WaitForStateAsync(
            AccountSlots.For("k2"), s => s.Held.Count == 1 && s.Held[0].ExpiresAt > firstExpiry + TimeSpan.FromSeconds(17.5) && s.Expired == 0,
            "z's account lease was renewed twice while it waited, and never expired");

        await host.Client.RaiseEventAsync(x, "finish");
        await host.WaitAsync(x);
        Assert.StartsWith("done:", await host.WaitAsync(z), StringComparison.Ordinal);
        await host.WaitForStateAsync(AccountSlots.For("k2"), s => s.Held.Count == 0 && s.Expired == 0, "z released its account slot; it never expired");
    }

    [Fact]
    public async Task CrashedHolder_LeaseExpires_AndTheWaiterIsGranted()
    {
        await using SlotsHost host = await SlotsHost.StartAsync(azurite.ConnectionString);
        var account = AccountSlots.For("crash");
        string crashed = await host.StartHolderAsync(new SlotHolderInput("crash", "dead", TtlMs: 2000, Crash: true));
        Assert.StartsWith("crashed:", await host.WaitAsync(crashed), StringComparison.Ordinal);
        string waiter = await host.StartHolderAsync(new SlotHolderInput("crash", "next", TtlMs: 2000));

        Assert.StartsWith("done:", await host.WaitAsync(waiter), StringComparison.Ordinal);
        await host.WaitForStateAsync(account, s => s.Held.Count == 0 && s.Expired == 1, "the crashed lease expired and was counted");
        await host.WaitForStateAsync(GlobalSlots.Id, s => s.Held.Count == 0, "the crashed global lease expired too");
    }

    private static async Task<SlotAcquireResult> RunViewerProbeAsync(SlotsHost host, string leaseId)
    {
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            SlotsHost.ViewerProbe, new SlotAcquireRequest(leaseId, "relay", SlotKind.Viewer, TimeSpan.FromMinutes(5)));
        using var cts = new CancellationTokenSource(SlotsHost.Timeout);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, cts.Token);
        return done.ReadOutputAs<SlotAcquireResult>()!;
    }

    /// <summary>Caps the global slots at 1 and has holder "x" of <paramref name="accountId"/> take it until it is told to finish.</summary>
    private static async Task<string> HoldTheOnlyGlobalSlotAsync(SlotsHost host, string accountId)
    {
        await host.Client.Entities.SignalEntityAsync(GlobalSlots.Id, "SetLimit", 1);
        await host.WaitForStateAsync(GlobalSlots.Id, s => s.Limit == 1, "the global cap is 1");
        string x = await host.StartHolderAsync(new SlotHolderInput(accountId, "x", WaitForFinish: true));
        await host.WaitForStateAsync(GlobalSlots.Id, s => s.Held.Count == 1, "x holds the only global slot");
        return x;
    }
}
