using MediaSync.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using NCrontab;

namespace MediaSync.Hosting.Timers;

/// <summary>Resolves <c>%Setting%</c> indirection and parses six-field NCrontab schedules, with errors that name the function and setting.</summary>
internal static class TimerScheduleParser
{
    private static readonly CrontabSchedule.ParseOptions WithSeconds = new() { IncludingSeconds = true };

    public static CrontabSchedule Parse(TimerFunction function, IConfiguration configuration)
    {
        string expression = function.Schedule;
        string source = $"timer function '{function.Name}'";
        if (expression.Length > 2 && expression.StartsWith('%') && expression.EndsWith('%'))
        {
            string setting = expression[1..^1];
            expression = configuration[setting]?.Trim() ?? string.Empty;
            source += $" (schedule setting '{setting}')";
            if (expression.Length == 0)
            {
                throw new FunctionsConfigurationException($"The schedule of {source} is missing: set '{setting}' to a six-field NCrontab expression.");
            }
        }

        int fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields != 6)
        {
            // A five-field expression is never silently reinterpreted: minutes would become seconds.
            throw new FunctionsConfigurationException(
                $"The schedule '{expression}' of {source} has {fields} fields; six are required: {{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}.");
        }

        return CrontabSchedule.TryParse(expression, WithSeconds)
            ?? throw new FunctionsConfigurationException($"The schedule '{expression}' of {source} is not a valid NCrontab expression.");
    }
}
