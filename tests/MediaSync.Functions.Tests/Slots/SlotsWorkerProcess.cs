using System.Diagnostics;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests.Slots;

/// <summary>tests/MediaSync.Functions.TestWorker in its own OS process, so a test can SIGKILL a slot host.</summary>
internal sealed class SlotsWorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SlotsWorkerProcess(params string[] args)
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string dll = Path.Combine(RepositoryRoot.Find(), "tests", "MediaSync.Functions.TestWorker", "bin", configuration, "net10.0", "MediaSync.Functions.TestWorker.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the slots worker process.");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "ready")
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public static async Task<SlotsWorkerProcess> StartAsync(string connectionString, string hub, string intervalTable)
    {
        var worker = new SlotsWorkerProcess(connectionString, hub, intervalTable);
        await worker.ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return worker;
    }

    /// <summary>SIGKILL: no shutdown, no lease release, dequeued messages left invisible.</summary>
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
}
