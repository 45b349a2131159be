using MediaSync.Hosting.Configuration;
using MediaSync.Hosting.Timers;
using Microsoft.Extensions.Configuration;

namespace MediaSync.Hosting.Tests.Timers;

public sealed class TimerScheduleParserTests
{
    [Fact]
    public void Parse_SettingIndirection_ResolvesFromConfiguration()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SyncSchedule"] = "0 */30 * * * *" })
            .Build();

        var schedule = TimerScheduleParser.Parse(Timer("%SyncSchedule%"), configuration);

        Assert.Equal(new DateTime(2026, 1, 1, 0, 30, 0), schedule.GetNextOccurrence(new DateTime(2026, 1, 1, 0, 0, 1)));
    }

    [Fact]
    public void Parse_SixFields_IncludesSeconds()
    {
        var schedule = TimerScheduleParser.Parse(Timer("*/5 * * * * *"), new ConfigurationBuilder().Build());

        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 5), schedule.GetNextOccurrence(new DateTime(2026, 1, 1, 0, 0, 1)));
    }

    [Fact]
    public void Parse_FiveFields_RefusedNotReinterpreted()
    {
        var error = Assert.Throws<FunctionsConfigurationException>(() => TimerScheduleParser.Parse(Timer("*/5 * * * *"), new ConfigurationBuilder().Build()));

        Assert.Contains("has 5 fields", error.Message, StringComparison.Ordinal);
    }

    private static TimerFunction Timer(string schedule) => new("Sync", schedule, (_, _, _) => Task.CompletedTask, RunOnStartup: false);
}
