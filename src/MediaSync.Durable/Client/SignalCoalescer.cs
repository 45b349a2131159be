using MediaSync.Durable.Engine;

namespace MediaSync.Durable.Client;

/// <summary>
/// Packs concurrent client signals into shared queue messages (group commit): the first caller sends at
/// once, and whatever arrives while a send is in flight goes out together in the next one. Many callers
/// signalling at the same time then cost a few queue messages instead of one each — on the sender, and in
/// the receiver's receives and deletes — without delaying a lone signal. Each envelope keeps its own id, so
/// dedupe is unchanged.
/// </summary>
internal sealed class SignalCoalescer(TaskHub hub)
{
    private readonly Lock gate = new();
    private List<(Envelope Envelope, TaskCompletionSource Sent)> pending = [];
    private bool sending;

    public Task SendAsync(Envelope envelope, CancellationToken ct)
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool flush;
        lock (gate)
        {
            pending.Add((envelope, sent));
            flush = !sending;
            sending = true;
        }

        if (flush)
        {
            _ = FlushAsync();
        }

        return sent.Task.WaitAsync(ct);
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            List<(Envelope Envelope, TaskCompletionSource Sent)> batch;
            lock (gate)
            {
                if (pending.Count == 0)
                {
                    sending = false;
                    return;
                }

                batch = pending;
                pending = [];
            }

            try
            {
                // Not the callers' tokens: other callers' signals ride in the same message.
                await hub.SendEnvelopesAsync(batch.Select(p => (p.Envelope, (DateTime?)null)), CancellationToken.None).ConfigureAwait(false);
                batch.ForEach(p => p.Sent.TrySetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(p => p.Sent.TrySetException(ex));
            }
        }
    }
}
