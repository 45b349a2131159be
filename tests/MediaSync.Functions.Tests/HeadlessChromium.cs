using System.Diagnostics;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests;

/// <summary>
/// Debian's chromium, installed once per test run by eng/install-chromium.sh (under a file lock, so parallel test
/// processes do not run apt twice), and driven headless with one fresh profile per call.
/// </summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly Lazy<Task<string?>> Installation = new(InstallAsync);

    /// <summary>Null when chromium is usable, else why it is not (the test skips with that message).</summary>
    public static Task<string?> EnsureInstalledAsync() => Installation.Value;

    public static async Task<string> DumpDomAsync(Uri url, int virtualTimeBudgetMs) =>
        await RunAsync(url, virtualTimeBudgetMs, "--dump-dom");

    public static async Task ScreenshotAsync(Uri url, int virtualTimeBudgetMs, string file) =>
        await RunAsync(url, virtualTimeBudgetMs, $"--screenshot={file}");

    private static async Task<string> RunAsync(Uri url, int virtualTimeBudgetMs, string mode)
    {
        string profile = Path.Combine(Path.GetTempPath(), "mediasync-chromium", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile}",
                "--window-size=1200,800", $"--virtual-time-budget={virtualTimeBudgetMs}", mode, url.ToString(),
            })
            {
                start.ArgumentList.Add(argument);
            }

            var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(start, TimeSpan.FromSeconds(60));
            if (exitCode != 0)
            {
                throw new Xunit.Sdk.XunitException($"chromium {mode} exited with {exitCode}: {stderr}");
            }

            return stdout;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be flushing its profile; a temp folder left behind harms nothing.
            }
        }
    }

    private static async Task<string?> InstallAsync()
    {
        if (File.Exists(Executable))
        {
            return null;
        }

        string script = Path.Combine(RepositoryRoot.Find(), "eng", "install-chromium.sh");
        var start = new ProcessStartInfo("flock") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { Path.Combine(Path.GetTempPath(), "mediasync-install-chromium.lock"), "bash", script })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var (exitCode, _, stderr) = await ProcessRunner.RunAsync(start, TimeSpan.FromMinutes(10));
            return exitCode == 0 && File.Exists(Executable) ? null : $"eng/install-chromium.sh failed ({exitCode}): {stderr.Trim()}";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return $"eng/install-chromium.sh could not run: {ex.Message}";
        }
    }
}
