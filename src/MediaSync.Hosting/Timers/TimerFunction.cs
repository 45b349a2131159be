namespace MediaSync.Hosting.Timers;

/// <summary>A timer-triggered function as declared; <paramref name="Schedule"/> may be <c>%Setting%</c>.</summary>
internal sealed record TimerFunction(
    string Name,
    string Schedule,
    Func<TimerInfo, IServiceProvider, CancellationToken, Task> Handler,
    bool RunOnStartup);
