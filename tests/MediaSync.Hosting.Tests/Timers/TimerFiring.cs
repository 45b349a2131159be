using System.Collections.Concurrent;
using MediaSync.Hosting.Timers;

namespace MediaSync.Hosting.Tests.Timers;

/// <summary>Records every invocation of a timer, shared by the hosts of one test.</summary>
internal sealed class TimerFiring
{
    private readonly ConcurrentQueue<(string Host, TimerInfo Info)> calls = new();

    /// <summary>Invocations per scheduled occurrence (<see cref="ScheduleStatus.Next"/> at invocation).</summary>
    public ConcurrentDictionary<DateTime, int> Occurrences { get; } = new();

    public IReadOnlyList<(string Host, TimerInfo Info)> Calls => calls.ToArray();

    public int Count => calls.Count;

    public Func<TimerInfo, IServiceProvider, CancellationToken, Task> Handler(string host) => (info, services, _) =>
    {
        Assert.NotNull(services);
        calls.Enqueue((host, info));
        Occurrences.AddOrUpdate(info.ScheduleStatus!.Next, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    };
}
