using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MediaSync.Durable.Storage;
using Microsoft.Extensions.Options;

namespace MediaSync.Durable.Engine;

/// <summary>
/// One task hub as seen from this process: its storage resources, how messages are sent (packed,
/// large ones moved to blobs) and the in-process wake-ups that make a send to a queue this process
/// polls visible without waiting for the next poll. Shared by the worker and the client.
/// </summary>
internal sealed class TaskHub : IDisposable
{
    /// <summary>Messages above this go to a blob (DTFx's threshold; the queue limit is 64 KB).</summary>
    private const int MaxMessageBytes = 45 * 1024;

    private readonly ConcurrentDictionary<string, WakeSignal> wakeSignals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalInbox> inboxes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<InstanceWatch>> watches = new(StringComparer.Ordinal);
    private readonly Lock watchesLock = new();
    private readonly SemaphoreSlim createLock = new(1, 1);
    private volatile bool created;

    public TaskHub(IStorageProvider storage, IOptions<DurableTaskOptions> options, TimeProvider timeProvider)
    {
        Storage = storage;
        Options = options.Value;
        TimeProvider = timeProvider;
        Layout = new TaskHubLayout(Options.HubName, Options.StorageProvider.PartitionCount);
        ControlQueues = Layout.ControlQueues.Select(storage.GetQueue).ToArray();
        WorkItems = storage.GetQueue(Layout.WorkItemQueue);
        Payloads = new PayloadStore(storage.GetContainer(Layout.PayloadsContainer));
        Instances = new InstanceStore(storage.GetTable(Layout.HistoryTable), storage.GetTable(Layout.InstancesTable), Payloads);
        Poison = storage.GetTable(Layout.PoisonTable);
    }

    public IStorageProvider Storage { get; }

    public DurableTaskOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public TaskHubLayout Layout { get; }

    public IReadOnlyList<IMessageQueue> ControlQueues { get; }

    public IMessageQueue WorkItems { get; }

    public InstanceStore Instances { get; }

    public PayloadStore Payloads { get; }

    public IDataTable Poison { get; }

    public DateTime UtcNow => TimeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Creates queues, tables and containers once per process.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        if (created)
        {
            return;
        }

        await createLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (created)
            {
                return;
            }

            var tasks = new List<Task>();
            tasks.AddRange(ControlQueues.Select(q => q.CreateIfNotExistsAsync(ct)));
            tasks.Add(WorkItems.CreateIfNotExistsAsync(ct));
            tasks.Add(Storage.GetTable(Layout.HistoryTable).CreateIfNotExistsAsync(ct));
            tasks.Add(Storage.GetTable(Layout.InstancesTable).CreateIfNotExistsAsync(ct));
            tasks.Add(Poison.CreateIfNotExistsAsync(ct));
            tasks.Add(Storage.GetTable(Layout.WorkersTable).CreateIfNotExistsAsync(ct));
            tasks.Add(Payloads.Container.CreateIfNotExistsAsync(ct));
            tasks.Add(Storage.GetContainer(Layout.LeasesContainer).CreateIfNotExistsAsync(ct));
            await Task.WhenAll(tasks).ConfigureAwait(false);
            await TaskHubDescriptor.VerifyOrCreateAsync(
                Storage.GetContainer(Layout.LeasesContainer), Layout.HubName, Layout.PartitionCount, Options.AppName, ct).ConfigureAwait(false);
            created = true;
        }
        finally
        {
            createLock.Release();
        }
    }

    public void Dispose() => createLock.Dispose();

    public WakeSignal WakeSignalFor(string queueName) => wakeSignals.GetOrAdd(queueName, _ => new WakeSignal());

    public IMessageQueue ControlQueueFor(string instanceId) => ControlQueues[Layout.PartitionOf(instanceId)];

    /// <summary>
    /// Opens the inbox through which this process's sends to <paramref name="queue"/> reach its dispatcher directly
    /// (see <see cref="LocalInbox"/>); none when local dispatch is off. The dispatcher closes it when it stops.
    /// </summary>
    public LocalInbox? OpenInbox(IMessageQueue queue, TimeSpan visibilityTimeout, int capacity)
    {
        if (!Options.StorageProvider.LocalDispatch)
        {
            return null;
        }

        var inbox = new LocalInbox(visibilityTimeout, capacity, WakeSignalFor(queue.Name));
        inboxes[queue.Name] = inbox;
        return inbox;
    }

    /// <summary>Whether this host's dispatcher polls the instance's partition now (known only with local dispatch on).</summary>
    public bool IsDispatchedHere(string instanceId) => inboxes.ContainsKey(ControlQueueFor(instanceId).Name);

    /// <summary>Closes an inbox and makes what its dispatcher did not take visible in storage again, for any host.</summary>
    public async Task CloseInboxAsync(IMessageQueue queue, LocalInbox? inbox)
    {
        if (inbox is null)
        {
            return;
        }

        inboxes.TryRemove(new KeyValuePair<string, LocalInbox>(queue.Name, inbox));
        await Task.WhenAll(inbox.Close().Select(m => ReleaseAsync(queue, m))).ConfigureAwait(false);
    }

    /// <summary>Sends envelopes to their instances' control queues, packed per partition and delivery time.</summary>
    public Task SendEnvelopesAsync(IEnumerable<(Envelope Envelope, DateTime? VisibleAt)> envelopes, CancellationToken ct)
    {
        var now = UtcNow;
        var sends = new List<Task>();
        foreach (var group in envelopes.GroupBy(e => (Partition: Layout.PartitionOf(e.Envelope.InstanceId), Delay: DelayUntil(e.VisibleAt, now))))
        {
            var queue = ControlQueues[group.Key.Partition];
            foreach (var chunk in Pack(group.Select(g => g.Envelope).ToList(), e => e.Event.Input?.Length + e.Event.Result?.Length ?? 0))
            {
                sends.Add(SendAsync(queue, new QueueBody { Envelopes = chunk }, chunk[0].InstanceId, group.Key.Delay, ct));
            }
        }

        return Task.WhenAll(sends);
    }

    /// <summary>Sends activity requests to the work-item queue in packs of clamp(K/8, 1, 32).</summary>
    public Task SendActivitiesAsync(IReadOnlyList<ActivityRequest> activities, CancellationToken ct)
    {
        if (activities.Count == 0)
        {
            return Task.CompletedTask;
        }

        int packSize = Math.Clamp(activities.Count / 8, 1, 32);
        var sends = new List<Task>();
        foreach (var pack in activities.Chunk(packSize))
        {
            foreach (var chunk in Pack(pack, a => a.Input?.Length ?? 0))
            {
                sends.Add(SendAsync(WorkItems, new QueueBody { Activities = chunk }, chunk[0].InstanceId, TimeSpan.Zero, ct));
            }
        }

        return Task.WhenAll(sends);
    }

    /// <summary>Reads a message body, fetching it from its blob when it was too large for the queue.</summary>
    public async Task<QueueBody> ReadBodyAsync(QueueMessage message, CancellationToken ct)
    {
        var body = JsonSerializer.Deserialize<QueueBody>(message.Body, DataConverter.Options)
            ?? throw new InvalidDataException("The message body is empty.");
        if (body.Blob is null)
        {
            return body;
        }

        byte[] content = await Payloads.DownloadAsync(body.Blob, ct).ConfigureAwait(false);
        var inner = JsonSerializer.Deserialize<QueueBody>(content, DataConverter.Options)
            ?? throw new InvalidDataException($"The message blob '{body.Blob}' is empty.");
        return inner with { Deferrals = body.Deferrals, Blob = body.Blob };
    }

    /// <summary>
    /// Watches the states this process commits for <paramref name="instanceId"/> until disposed (a latency shortcut for
    /// clients: they still poll storage for commits made elsewhere).
    /// </summary>
    public InstanceWatch Watch(string instanceId)
    {
        var watch = new InstanceWatch(w => Unwatch(instanceId, w));
        lock (watchesLock)
        {
            if (!watches.TryGetValue(instanceId, out var list))
            {
                watches[instanceId] = list = [];
            }

            list.Add(watch);
        }

        return watch;
    }

    /// <summary>Tells the watchers of the instance the state just committed (after the commit and its index write).</summary>
    public void NotifyChanged(InstanceState state)
    {
        InstanceWatch[] targets;
        lock (watchesLock)
        {
            if (!watches.TryGetValue(state.InstanceId, out var list))
            {
                return;
            }

            targets = [.. list];
        }

        foreach (var watch in targets)
        {
            watch.Publish(state);
        }
    }

    private void Unwatch(string instanceId, InstanceWatch watch)
    {
        lock (watchesLock)
        {
            if (watches.TryGetValue(instanceId, out var list) && list.Remove(watch) && list.Count == 0)
            {
                watches.Remove(instanceId);
            }
        }
    }

    /// <summary>
    /// Makes the dispatcher of <paramref name="queueName"/> in this host receive once <paramref name="delay"/> has passed,
    /// for a message it put back itself: its poll schedule, stretched by idle polls or by inbox work, may be far longer.
    /// </summary>
    public void WakeReceiverWhenDue(string queueName, TimeSpan delay)
    {
        ITimer? timer = null;
        timer = TimeProvider.CreateTimer(
            _ =>
            {
                // The inbox of the dispatcher polling the queue then, which may have restarted since.
                if (inboxes.TryGetValue(queueName, out var inbox))
                {
                    inbox.MarkStorageWork();
                }
                else
                {
                    WakeSignalFor(queueName).Set();
                }

                timer?.Dispose();
            },
            null,
            delay,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// When this host polls the queue, tells its dispatcher once a delayed message (a durable timer) comes due, so it is
    /// received then rather than on the next poll of the backoff schedule, which a host busy with inbox work stretches.
    /// </summary>
    private void WakeWhenDue(string queueName, TimeSpan delay)
    {
        if (inboxes.ContainsKey(queueName) && delay <= Options.StorageProvider.MaxTimerVisibility)
        {
            WakeReceiverWhenDue(queueName, delay);
        }
    }

    /// <summary>Sends a message held for <paramref name="inbox"/>, under a reservation the caller made.</summary>
    private static async Task<QueueMessage> SendHeldAsync(IMessageQueue queue, LocalInbox inbox, string json, CancellationToken ct)
    {
        try
        {
            return await queue.SendHeldAsync(json, inbox.VisibilityTimeout, ct).ConfigureAwait(false);
        }
        catch
        {
            inbox.CancelReservation();
            throw;
        }
    }

    private async Task ReleaseAsync(IMessageQueue queue, QueueMessage held)
    {
        try
        {
            // Not the caller's token: a stopping host releases on its way out, and a failed release only delays the
            // message by its visibility timeout.
            await queue.UpdateAsync(held, TimeSpan.Zero, null, CancellationToken.None).ConfigureAwait(false);
            WakeSignalFor(queue.Name).Set();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Settled meanwhile, or storage unreachable: it reappears after its visibility timeout without us.
        }
    }

    private static TimeSpan DelayUntil(DateTime? visibleAt, DateTime now) =>
        visibleAt is { } at && at > now ? at - now : TimeSpan.Zero;

    private static IEnumerable<T[]> Pack<T>(IReadOnlyList<T> items, Func<T, int> approximateSize)
    {
        var current = new List<T>();
        int size = 0;
        foreach (var item in items)
        {
            int s = approximateSize(item) + 256;
            if (current.Count > 0 && (size + s > MaxMessageBytes || current.Count == 256))
            {
                yield return current.ToArray();
                current.Clear();
                size = 0;
            }

            current.Add(item);
            size += s;
        }

        if (current.Count > 0)
        {
            yield return current.ToArray();
        }
    }

    /// <summary>
    /// Sends an instance's start message, to be handed to its dispatcher only by <see cref="StartDelivery.DeliverAsync"/>
    /// (once the client wrote the Pending row the first turn expects): held for this host's dispatcher when it polls the
    /// partition, otherwise sent as usual with the local dispatcher woken only then.
    /// </summary>
    public async Task<StartDelivery> SendStartAsync(Envelope start, DateTime? visibleAt, CancellationToken ct)
    {
        var queue = ControlQueueFor(start.InstanceId);
        var delay = DelayUntil(visibleAt, UtcNow);
        string json = await SerializeAsync(new QueueBody { Envelopes = [start] }, start.InstanceId, ct).ConfigureAwait(false);
        if (delay == TimeSpan.Zero && inboxes.TryGetValue(queue.Name, out var inbox) && inbox.TryReserve())
        {
            var held = await SendHeldAsync(queue, inbox, json, ct).ConfigureAwait(false);
            return new StartDelivery(this, queue, delay, inbox, held);
        }

        await SendPlainAsync(queue, json, delay, ct).ConfigureAwait(false);
        return new StartDelivery(this, queue, delay, null, null);
    }

    /// <summary>Hands a held message to its inbox, or releases it to storage when the inbox closed meanwhile.</summary>
    internal async Task PostOrReleaseAsync(IMessageQueue queue, LocalInbox inbox, QueueMessage held)
    {
        if (!inbox.TryPost(held))
        {
            // The dispatcher stopped while the message was on its way: whoever polls the queue next takes it.
            await ReleaseAsync(queue, held).ConfigureAwait(false);
        }
    }

    private async Task<string> SerializeAsync(QueueBody body, string instanceId, CancellationToken ct)
    {
        string json = JsonSerializer.Serialize(body, DataConverter.Options);
        if (Encoding.UTF8.GetByteCount(json) > MaxMessageBytes)
        {
            string blob = await Payloads.UploadAsync(instanceId, "message", Encoding.UTF8.GetBytes(json), ct).ConfigureAwait(false);
            json = JsonSerializer.Serialize(new QueueBody { Blob = blob }, DataConverter.Options);
        }

        return json;
    }

    private Task SendPlainAsync(IMessageQueue queue, string json, TimeSpan delay, CancellationToken ct)
    {
        var max = Options.StorageProvider.MaxTimerVisibility;
        return queue.SendAsync(json, delay > max ? max : delay, ct);
    }

    private async Task SendAsync(IMessageQueue queue, QueueBody body, string instanceId, TimeSpan delay, CancellationToken ct)
    {
        string json = await SerializeAsync(body, instanceId, ct).ConfigureAwait(false);
        if (delay == TimeSpan.Zero && inboxes.TryGetValue(queue.Name, out var inbox) && inbox.TryReserve())
        {
            var held = await SendHeldAsync(queue, inbox, json, ct).ConfigureAwait(false);
            await PostOrReleaseAsync(queue, inbox, held).ConfigureAwait(false);
            return;
        }

        await SendPlainAsync(queue, json, delay, ct).ConfigureAwait(false);
        if (delay > TimeSpan.Zero)
        {
            WakeWhenDue(queue.Name, delay);
        }
        else
        {
            WakeSignalFor(queue.Name).Set();
        }
    }
}
