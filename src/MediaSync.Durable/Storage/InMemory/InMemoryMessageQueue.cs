namespace MediaSync.Durable.Storage.InMemory;

internal sealed class InMemoryMessageQueue(string name, TimeProvider timeProvider) : IMessageQueue
{
    private readonly Lock sync = new();
    private readonly LinkedList<Entry> messages = new();
    private long nextId;

    public string Name { get; } = name;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeleteIfExistsAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            messages.Clear();
        }

        return Task.CompletedTask;
    }

    public Task SendAsync(string body, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = timeProvider.GetUtcNow();
        lock (sync)
        {
            messages.AddLast(new Entry
            {
                Id = (++nextId).ToString("D12", System.Globalization.CultureInfo.InvariantCulture),
                Body = body,
                InsertedOn = now,
                VisibleAt = now + visibilityDelay,
            });
        }

        return Task.CompletedTask;
    }

    public Task<QueueMessage> SendHeldAsync(string body, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = timeProvider.GetUtcNow();
        lock (sync)
        {
            var entry = new Entry
            {
                Id = (++nextId).ToString("D12", System.Globalization.CultureInfo.InvariantCulture),
                Body = body,
                InsertedOn = now,
                VisibleAt = now + visibilityTimeout,
                PopReceipt = Guid.NewGuid().ToString("N"),
            };
            messages.AddLast(entry);
            return Task.FromResult(new QueueMessage(entry.Id, entry.PopReceipt, body, 0, now));
        }
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = timeProvider.GetUtcNow();
        var received = new List<QueueMessage>();
        lock (sync)
        {
            for (var node = messages.First; node is not null && received.Count < maxMessages; node = node.Next)
            {
                var e = node.Value;
                if (e.VisibleAt > now)
                {
                    continue;
                }

                e.DequeueCount++;
                e.PopReceipt = Guid.NewGuid().ToString("N");
                e.VisibleAt = now + visibilityTimeout;
                received.Add(new QueueMessage(e.Id, e.PopReceipt, e.Body, e.DequeueCount, e.InsertedOn));
            }
        }

        return Task.FromResult<IReadOnlyList<QueueMessage>>(received);
    }

    public Task<QueueMessage> UpdateAsync(QueueMessage message, TimeSpan visibilityTimeout, string? newBody, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (sync)
        {
            var e = Find(message) ?? throw new StorageConflictException($"Message {message.MessageId} in queue {Name} is gone or was received again.");
            e.PopReceipt = Guid.NewGuid().ToString("N");
            e.VisibleAt = timeProvider.GetUtcNow() + visibilityTimeout;
            e.Body = newBody ?? e.Body;
            return Task.FromResult(message with { PopReceipt = e.PopReceipt, Body = e.Body });
        }
    }

    public Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (sync)
        {
            for (var node = messages.First; node is not null; node = node.Next)
            {
                if (node.Value.Id == message.MessageId && node.Value.PopReceipt == message.PopReceipt)
                {
                    messages.Remove(node);
                    break;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> GetApproximateCountAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return Task.FromResult(messages.Count);
        }
    }

    private Entry? Find(QueueMessage message)
    {
        foreach (var e in messages)
        {
            if (e.Id == message.MessageId && e.PopReceipt == message.PopReceipt)
            {
                return e;
            }
        }

        return null;
    }

    private sealed class Entry
    {
        public required string Id { get; init; }

        public required string Body { get; set; }

        public DateTimeOffset InsertedOn { get; init; }

        public DateTimeOffset VisibleAt { get; set; }

        public long DequeueCount { get; set; }

        public string PopReceipt { get; set; } = string.Empty;
    }
}
