using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MediaSync.TestSupport;

namespace MediaSync.Functions.Tests;

/// <summary>The function app (src/MediaSync.Functions, built with the tests) in its own OS process, so a test can SIGKILL it.</summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string contentRoot;

    private AppProcess(Process process, Uri baseAddress, string contentRoot)
    {
        this.process = process;
        this.contentRoot = contentRoot;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

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

    /// <summary>Starts the app with <paramref name="settings"/> as environment variables and waits until its health endpoint answers.</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan timeout)
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string dll = Path.Combine(RepositoryRoot.Find(), "src", "MediaSync.Functions", "bin", configuration, "net10.0", "MediaSync.Functions.dll");
        string root = AppHost.CreateContentRoot();
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add($"--contentRoot={root}");
        info.ArgumentList.Add($"--urls={baseAddress}");
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new AppProcess(Process.Start(info) ?? throw new InvalidOperationException("The app process did not start."), baseAddress, root);
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (app.process.HasExited)
                {
                    throw new InvalidOperationException($"The app process exited with {app.process.ExitCode}:\n{app.Output}");
                }

                try
                {
                    using HttpResponseMessage health = await app.Client.GetAsync("/api/health");
                    return health.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, timeout, "the app process answers /api/health");
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown, leases held until they lapse, received messages invisible until their timeout.</summary>
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
        Client.Dispose();
        try
        {
            Directory.Delete(contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind harms nothing.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
