using MediaSync.Durable.Engine;
using MediaSync.Durable.Storage.InMemory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MediaSync.Durable.Tests;

/// <summary>The hand-over of this host's sends to its own dispatchers, and when a dispatcher must still look at storage.</summary>
public sealed class LocalInboxTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Send_ToAQueueWithAnInbox_IsHeldForItAndHiddenInStorage()
    {
        var (hub, _) = NewHub();
        var queue = hub.ControlQueueFor("i1");
        var inbox = hub.OpenInbox(queue, Long, capacity: 4)!;

        await hub.SendEnvelopesAsync([(Raised("i1", "m1"), null)], CancellationToken.None);

        var taken = Assert.Single(inbox.Take(10));
        Assert.Equal(0, taken.DequeueCount);
        Assert.Empty(await queue.ReceiveAsync(32, Long, CancellationToken.None));
        Assert.False(inbox.TakeStorageWork());
        Assert.True(hub.IsDispatchedHere("i1"));
    }

    [Fact]
    public async Task Send_ToAFullInbox_GoesToStorageAndTellsTheDispatcher()
    {
        var (hub, _) = NewHub();
        var queue = hub.ControlQueueFor("i1");
        var inbox = hub.OpenInbox(queue, Long, capacity: 1)!;

        await hub.SendEnvelopesAsync([(Raised("i1", "m1"), null)], CancellationToken.None);
        await hub.SendEnvelopesAsync([(Raised("i1", "m2"), null)], CancellationToken.None);

        Assert.Single(inbox.Take(10));
        Assert.True(inbox.TakeStorageWork());
        Assert.False(inbox.TakeStorageWork());
        Assert.Single(await queue.ReceiveAsync(32, Long, CancellationToken.None));
    }

    [Fact]
    public async Task DelayedSend_TellsTheDispatcherWhenItComesDue()
    {
        var (hub, time) = NewHub();
        var queue = hub.ControlQueueFor("i1");
        var inbox = hub.OpenInbox(queue, Long, capacity: 4)!;

        await hub.SendEnvelopesAsync([(Raised("i1", "timer"), time.GetUtcNow().UtcDateTime.AddSeconds(5))], CancellationToken.None);

        Assert.Empty(inbox.Take(10));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(inbox.TakeStorageWork());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(inbox.TakeStorageWork());
        Assert.Single(await queue.ReceiveAsync(32, Long, CancellationToken.None));
    }

    [Fact]
    public async Task CloseInbox_ReleasesWhatWasNotTaken_AndLaterSendsGoToStorage()
    {
        var (hub, _) = NewHub();
        var queue = hub.ControlQueueFor("i1");
        var inbox = hub.OpenInbox(queue, Long, capacity: 4)!;
        await hub.SendEnvelopesAsync([(Raised("i1", "m1"), null)], CancellationToken.None);

        await hub.CloseInboxAsync(queue, inbox);
        await hub.SendEnvelopesAsync([(Raised("i1", "m2"), null)], CancellationToken.None);

        Assert.Equal(2, (await queue.ReceiveAsync(32, Long, CancellationToken.None)).Count);
        Assert.Empty(inbox.Take(10));
        Assert.False(hub.IsDispatchedHere("i1"));
    }

    private static (TaskHub Hub, FakeTimeProvider Time) NewHub()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var hub = new TaskHub(new InMemoryStorageProvider(time), Options.Create(new DurableTaskOptions { HubName = "inboxtests", StorageProvider = { LocalDispatch = true } }), time);
        return (hub, time);
    }

    private static Envelope Raised(string instanceId, string id) => new()
    {
        Id = id,
        InstanceId = instanceId,
        Event = new HistoryEvent { Type = EventType.EventRaised, Name = "e" },
    };
}
