using MediaSync.Functions.Sources;
using MediaSync.Hosting.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace MediaSync.Functions.Sync;

/// <summary>
/// One timer for every source's schedule. Timers are declared when the host is built, before the sources are
/// known, so a single scheduler fires every minute and starts each source whose <c>Schedule</c> had an occurrence
/// since the previous tick, in the source's <c>ScheduleMode</c> — skipped when that source's sync is still running.
/// Sources' schedules therefore resolve to the minute; occurrences missed while no host ran are coalesced into one.
/// </summary>
internal static class SyncScheduleTimer
{
    /// <summary>The timer function's name.</summary>
    public const string FunctionName = "SyncScheduler";

    /// <summary>Every minute, at second 0.</summary>
    public const string Schedule = "0 * * * * *";

    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    /// <summary>Handles a tick.</summary>
    public static async Task RunAsync(TimerInfo timer, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(services);
        var starter = services.GetRequiredService<SyncStarter>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SyncScheduleTimer).FullName!);
        DateTime now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        (DateTime from, DateTime to) = Window(timer, now);
        foreach (ConfiguredSource source in DueSources(services.GetRequiredService<SourceDirectory>().All, from, to))
        {
            try
            {
                await starter.StartAsync(source.Id, source.Options.ScheduleMode, resume: false, "schedule", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One source's failure to start must not keep the others from their schedule.
                Log.ScheduledSyncFailed(logger, source.Id, ex);
            }
        }
    }

    /// <summary>The occurrences this tick covers: after the previous tick, up to and including the one being fired.</summary>
    internal static (DateTime FromExclusive, DateTime ToInclusive) Window(TimerInfo timer, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(timer);
        DateTime to = timer.ScheduleStatus is { Next: var next } && next != default ? next : now;
        DateTime last = timer.ScheduleStatus?.Last ?? default;
        DateTime from = last != default && last < to ? last : to - Period;
        return (from, to);
    }

    /// <summary>Sources with a schedule that has an occurrence in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>].</summary>
    internal static IEnumerable<ConfiguredSource> DueSources(IEnumerable<ConfiguredSource> sources, DateTime fromExclusive, DateTime toInclusive) =>
        sources.Where(source => SourceSchedule.TryParse(source.Options.Schedule) is CrontabSchedule schedule
            && schedule.GetNextOccurrence(fromExclusive) <= toInclusive);
}
