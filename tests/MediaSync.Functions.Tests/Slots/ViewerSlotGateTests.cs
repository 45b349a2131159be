using System.Net;
using System.Text.Json;
using MediaSync.Durable;
using MediaSync.Functions.Slots;
using MediaSync.Streams;
using MediaSync.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaSync.Functions.Tests.Slots;

/// <summary>The relay's viewer slot gate, the slots endpoint and the dashboard's slot section, in the real app over Azurite.</summary>
public sealed class ViewerSlotGateTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Gate_GrantsUpToTheLimit_RefusesWithAReason_RenewsAndReleases_AndTheEndpointAndDashboardShowIt()
    {
        await using AppHost host = await AppHost.StartAsync(azurite.ConnectionString);
        var client = host.App.Services.GetRequiredService<DurableTaskClient>();
        var gate = host.App.Services.GetRequiredService<IViewerSlotGate>();
        Assert.IsType<EntityViewerSlotGate>(gate);
        await client.Entities.SignalEntityAsync(AccountSlots.For("acme"), "SetLimit", 2);
        await Eventually.TrueAsync(async () => await client.Entities.GetEntityAsync<SlotsState>(AccountSlots.For("acme")) is { State.Limit: 2 }, Timeout, "acme's limit is 2");

        ViewerSlotAcquisition first = await gate.TryAcquireViewerAsync("acme", "s1", default);
        ViewerSlotAcquisition second = await gate.TryAcquireViewerAsync("acme", "s2", default);
        ViewerSlotAcquisition third = await gate.TryAcquireViewerAsync("acme", "s3", default);

        Assert.NotNull(first.Lease);
        Assert.NotNull(second.Lease);
        Assert.Null(third.Lease);
        Assert.Equal("account acme uses 2 of 2 connections", third.RefusalReason);
        Assert.True(await gate.RenewAsync(first.Lease, default));
        Assert.Null(await client.GetInstanceAsync($"viewer-slot-{first.Lease.LeaseId}")); // the acquire orchestration was purged

        // The endpoint (function key) lists both viewer leases with their expiries.
        using (HttpRequestMessage anonymous = host.Request(HttpMethod.Get, "/api/accounts/acme/slots", key: null))
        using (HttpResponseMessage refused = await host.Client.SendAsync(anonymous))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (HttpRequestMessage request = host.Request(HttpMethod.Get, "/api/accounts/acme/slots", AppHost.FunctionKey))
        using (HttpResponseMessage response = await host.Client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonElement slots = await AppHost.JsonAsync(response);
            Assert.Equal("acme", slots.GetProperty("accountId").GetString());
            Assert.Equal(2, slots.GetProperty("limit").GetInt32());
            Assert.Equal(2, slots.GetProperty("inUse").GetInt32());
            Assert.All(slots.GetProperty("held").EnumerateArray(), l => Assert.Equal("Viewer", l.GetProperty("kind").GetString()));
            Assert.All(slots.GetProperty("held").EnumerateArray(), l => Assert.True(l.GetProperty("expiresAt").GetDateTimeOffset() > TimeProvider.System.GetUtcNow()));
            Assert.Equal(0, slots.GetProperty("waiting").GetArrayLength());
        }

        // The anonymous dashboard shows counts only.
        using (HttpResponseMessage summary = await host.Client.GetAsync("/api/dashboard/summary"))
        {
            string text = await summary.Content.ReadAsStringAsync();
            JsonElement row = JsonDocument.Parse(text).RootElement.GetProperty("slots")[0];
            Assert.Equal("acme", row.GetProperty("account").GetString());
            Assert.Equal(2, row.GetProperty("inUse").GetInt32());
            Assert.Equal(2, row.GetProperty("limit").GetInt32());
            Assert.Equal(0, row.GetProperty("waiting").GetInt32());
            Assert.DoesNotContain(first.Lease.LeaseId, text, StringComparison.Ordinal);
        }

        await gate.ReleaseAsync(first.Lease, default);
        await gate.ReleaseAsync(first.Lease, default); // twice: harmless
        await Eventually.TrueAsync(async () => !await gate.RenewAsync(first.Lease, default), Timeout, "a released lease no longer renews");
        ViewerSlotAcquisition again = await gate.TryAcquireViewerAsync("acme", "s3", default);
        Assert.NotNull(again.Lease);
        Assert.Equal(2, (await client.Entities.GetEntityAsync<SlotsState>(AccountSlots.For("acme")))!.State.Held.Count);
    }

    [Fact]
    public async Task UnknownAccount_EndpointShowsTheSafeDefaultLimitOfOne()
    {
        await using AppHost host = await AppHost.StartAsync(azurite.ConnectionString);
        using HttpRequestMessage request = host.Request(HttpMethod.Get, "/api/accounts/never-seen/slots", AppHost.FunctionKey);
        using HttpResponseMessage response = await host.Client.SendAsync(request);

        JsonElement slots = await AppHost.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, slots.GetProperty("limit").GetInt32());
        Assert.True(slots.GetProperty("limitIsDefault").GetBoolean());
        Assert.Equal(0, slots.GetProperty("inUse").GetInt32());
    }
}
