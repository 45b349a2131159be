using System.Diagnostics;
using System.Reflection;

namespace MediaSync.Infra.Tests;

/// <summary>The Bicep CLI from the restored package, run as a process.</summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Path { get; } = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    /// <summary>Runs <c>bicep {arguments}</c> in the repository root; returns the exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        Assert.True(File.Exists(Path), $"the Bicep CLI is not at {Path} (restored by the test project's PackageDownload)");
        if (!OperatingSystem.IsWindows())
        {
            // NuGet extracts the tool without its execute bit.
            File.SetUnixFileMode(Path, File.GetUnixFileMode(Path) | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = MediaSync.TestSupport.RepositoryRoot.Find(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, no update check: the CLI runs offline.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return await MediaSync.TestSupport.ProcessRunner.RunAsync(start, Timeout);
    }
}
