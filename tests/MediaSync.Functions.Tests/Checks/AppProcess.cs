using System.Diagnostics;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests.Checks;

/// <summary>The real app (src/MediaSync.Functions, Program.cs) in its own OS process, settings as environment variables, so a test can SIGKILL a host.</summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly string contentRoot;
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(IReadOnlyDictionary<string, string?> settings)
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string dll = Path.Combine(RepositoryRoot.Find(), "src", "MediaSync.Functions", "bin", configuration, "net10.0", "MediaSync.Functions.dll");
        contentRoot = AppHost.CreateContentRoot();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add($"--contentRoot={contentRoot}");
        info.ArgumentList.Add("--urls=http://127.0.0.1:0");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the app process.");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Now listening on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var app = new AppProcess(settings);
        try
        {
            await app.listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown, no lease release, dequeued messages left invisible, open probe connections cut.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
        try
        {
            Directory.Delete(contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind harms nothing.
        }
    }
}
