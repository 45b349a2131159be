using System.Diagnostics;
using MediaSync.TestSupport;

namespace MediaSync.Durable.Tests.MultiProcess;

/// <summary>A durable worker in its own OS process (tests/MediaSync.Durable.TestWorker), so a test can SIGKILL it.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder output = new();

    private WorkerProcess(string connectionString, string hub, int stepDelayMs)
    {
        // The worker is built next to this test assembly's configuration (Debug or Release).
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string dll = Path.Combine(RepositoryRoot.Find(), "tests", "MediaSync.Durable.TestWorker", "bin", configuration, "net10.0", "MediaSync.Durable.TestWorker.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add(connectionString);
        info.ArgumentList.Add(hub);
        info.ArgumentList.Add(stepDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the worker process.");
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<WorkerProcess> StartAsync(string connectionString, string hub, int stepDelayMs)
    {
        var worker = new WorkerProcess(connectionString, hub, stepDelayMs);
        await worker.ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return worker;
    }

    /// <summary>SIGKILL: no shutdown, no lease release, messages left invisible — a dead host.</summary>
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
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (line == "ready")
        {
            ready.TrySetResult();
        }
    }
}
