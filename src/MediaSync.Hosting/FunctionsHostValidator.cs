using System.Text.RegularExpressions;
using MediaSync.Hosting.Configuration;
using MediaSync.Hosting.Http;
using MediaSync.Hosting.Storage;
using MediaSync.Hosting.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MediaSync.Hosting;

/// <summary>
/// Start-up checks of everything the host reads outside host.json: the storage connection, every enabled timer's
/// schedule, the keys, and the host id. Each failure names the setting to fix.
/// </summary>
internal sealed partial class FunctionsHostValidator(IConfiguration configuration, FunctionsBuilder functions, FunctionKeyPolicy keyPolicy, bool isDevelopment, bool managementApi)
    : IValidateOptions<FunctionsHostOptions>
{
    public ValidateOptionsResult Validate(string? name, FunctionsHostOptions options)
    {
        var failures = new List<string>();
        Check(failures, () => StorageConnection.FromConfiguration(configuration));
        foreach (TimerFunction timer in functions.TimerFunctions.Where(t => !FunctionSwitch.IsDisabled(configuration, t.Name)))
        {
            Check(failures, () => TimerScheduleParser.Parse(timer, configuration));
        }

        if (!HostIdPattern().IsMatch(options.HostId))
        {
            failures.Add($"The setting '{FunctionsHostSettings.HostId}' must be 1-32 lower-case letters, digits and '-', starting with a letter or digit.");
        }

        if (keyPolicy.ChecksDisabled && !isDevelopment)
        {
            failures.Add($"The setting '{FunctionsHostSettings.DisableKeyChecks}' is allowed only in the Development environment.");
        }

        string[] names = functions.HttpFunctions.Select(f => f.Name).ToArray();
        bool needsKeys = managementApi || functions.HttpFunctions.Any(f => f.AuthLevel != AuthLevel.Anonymous && !FunctionSwitch.IsDisabled(configuration, f.Name));
        if (needsKeys && !keyPolicy.ChecksDisabled && string.IsNullOrEmpty(configuration[FunctionsHostSettings.MasterKey]))
        {
            failures.Add(
                $"No master key: set '{FunctionsHostSettings.MasterKey}' (environment variable Host__MasterKey) to a random secret of at least " +
                $"{FunctionKeyStore.MinimumKeyLength} characters; keys are never generated. In Development only, " +
                $"'{FunctionsHostSettings.DisableKeyChecks}' = \"true\" turns key checks off.");
        }

        foreach (string setting in FunctionKeyStore.ShortKeySettings(configuration, names))
        {
            failures.Add($"The key setting '{setting}' is shorter than {FunctionKeyStore.MinimumKeyLength} characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, Action check)
    {
        try
        {
            check();
        }
        catch (FunctionsConfigurationException ex)
        {
            failures.Add(ex.Message);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex HostIdPattern();
}
