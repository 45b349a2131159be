using System.Diagnostics;
using System.Globalization;

namespace MediaSync.TestSupport;

/// <summary>
/// A test host program (a project under tests/, built next to the test assembly's configuration) in its own OS
/// process, so a test can SIGKILL it. The program prints "ready" once it runs.
/// </summary>
public sealed class TestWorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder output = new();

    private TestWorkerProcess(string project, IEnumerable<string> args)
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string dll = Path.Combine(RepositoryRoot.Find(), "tests", project, "bin", configuration, "net10.0", project + ".dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {project}.");
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The OS process id.</summary>
    public int Id => process.Id;

    /// <summary>Everything the process wrote so far (stdout and stderr).</summary>
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

    /// <summary>Starts tests/<paramref name="project"/> with <paramref name="args"/> and waits (up to 60 s) for its "ready" line.</summary>
    public static async Task<TestWorkerProcess> StartAsync(string project, params object[] args)
    {
        var worker = new TestWorkerProcess(project, args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? string.Empty));
        try
        {
            await worker.ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return worker;
        }
        catch
        {
            worker.Dispose();
            throw;
        }
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
