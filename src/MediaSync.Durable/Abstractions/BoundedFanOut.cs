// IMPORTANT: runs inside orchestrators; awaits must resume on the replay thread (no ConfigureAwait(false)).
#pragma warning disable CA2007

namespace MediaSync.Durable;

/// <summary>The outcome of one item of a bounded fan-out: its result, or the failure that ended it.</summary>
/// <typeparam name="T">The result type.</typeparam>
/// <param name="Index">The item's position in the input.</param>
/// <param name="Value">The result when it succeeded.</param>
/// <param name="Failure">What went wrong when it failed.</param>
public sealed record FanOutResult<T>(int Index, T? Value, TaskFailureDetails? Failure)
{
    /// <summary>Whether the item succeeded.</summary>
    public bool Succeeded => Failure is null;
}

/// <summary>Bounded fan-out for orchestrators: the pattern every sync uses.</summary>
public static class BoundedFanOut
{
    /// <summary>
    /// Runs <paramref name="call"/> for every item with at most <paramref name="maxInFlight"/> in flight,
    /// starting the next as soon as one finishes. Results come back in input order; a failing item
    /// is recorded in its result and never stops the others. Deterministic: replay starts the same
    /// calls in the same order.
    /// </summary>
    public static async Task<IReadOnlyList<FanOutResult<T>>> WhenAllBoundedAsync<TItem, T>(
        this TaskOrchestrationContext context,
        IReadOnlyList<TItem> items,
        int maxInFlight,
        Func<TItem, Task<T>> call,
        Func<bool>? stopScheduling = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);

        var results = new FanOutResult<T>?[items.Count];
        var running = new Dictionary<Task<T>, int>();
        int next = 0;
        while (next < items.Count || running.Count > 0)
        {
            while (running.Count < maxInFlight && next < items.Count && stopScheduling?.Invoke() != true)
            {
                running.Add(call(items[next]), next);
                next++;
            }

            if (running.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(running.Keys);
            int index = running[done];
            running.Remove(done);
            results[index] = done.IsCompletedSuccessfully
                ? new FanOutResult<T>(index, done.Result, null)
                : new FanOutResult<T>(index, default, TaskFailureDetails.FromException(done.Exception?.InnerException ?? new TaskCanceledException()));
        }

        // Items never started (scheduling stopped) are reported as not run, keeping input order.
        return results.Select((r, i) => r ?? new FanOutResult<T>(i, default, new TaskFailureDetails("NotStarted", "Not started: scheduling was stopped.", null, null))).ToList();
    }
}
