using MediaSync.Durable.Engine;
using Microsoft.Extensions.Time.Testing;

namespace MediaSync.Durable.Tests;

public sealed class WakeSignalTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Set_AfterAWaitTimedOut_WakesTheNextWaitAtOnce()
    {
        var time = new FakeTimeProvider();
        var signal = new WakeSignal();
        Task<bool> timedOut = signal.WaitAsync(OneSecond, time, CancellationToken.None);
        time.Advance(OneSecond);
        Assert.False(await timedOut);

        signal.Set();
        Task<bool> next = signal.WaitAsync(OneSecond, time, CancellationToken.None);

        // The timed-out wait's waiter used to stay behind and swallow this Set: the next wait then slept its full timeout.
        Assert.True(next.IsCompleted);
        Assert.True(await next);
    }

    [Fact]
    public async Task Set_WhileWaiting_WakesTheWaiter_AndIsNotKeptForTheNextWait()
    {
        var time = new FakeTimeProvider();
        var signal = new WakeSignal();
        Task<bool> waiting = signal.WaitAsync(OneSecond, time, CancellationToken.None);

        signal.Set();

        Assert.True(await waiting);
        Task<bool> next = signal.WaitAsync(OneSecond, time, CancellationToken.None);
        Assert.False(next.IsCompleted);
        time.Advance(OneSecond);
        Assert.False(await next);
    }
}
