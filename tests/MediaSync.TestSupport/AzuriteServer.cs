using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MediaSync.TestSupport;

/// <summary>
/// One Azurite process per test process, started from the repository's <c>node_modules</c> on free
/// loopback ports with in-memory persistence. Tests isolate themselves by using fresh table, queue
/// and container names (see <see cref="UniqueNames"/>), so they can share it and run in parallel.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private const string AccountName = "devstoreaccount1";

    // The well-known development storage key: public, documented, and accepted only by the emulator.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static AzuriteServer? shared;

    private readonly Process process;

    private AzuriteServer(Process process, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString { get; }

    /// <summary>The process-wide instance, started on first use and stopped when the test process exits.</summary>
    public static async Task<AzuriteServer> GetSharedAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (shared is null || shared.process.HasExited)
            {
                shared = await StartAsync(TimeSpan.FromSeconds(60));
                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared?.Kill();
            }

            return shared;
        }
        finally
        {
            StartLock.Release();
        }
    }

    /// <summary>Starts a private Azurite, for tests that must stop or restart storage itself.</summary>
    public static async Task<AzuriteServer> StartAsync(TimeSpan timeout)
    {
        string root = RepositoryRoot.Find();
        string script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {script}. Run 'npm ci' in {root} (the test script does this).");
        }

        int blobPort = FreePort(), queuePort = FreePort(), tablePort = FreePort();
        // A watchdog shell runs Azurite and kills it when this test process is gone: a test host that
        // exits without running ProcessExit handlers (or is killed) must not leave Azurite behind.
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(
            "node \"$0\" \"$@\" & child=$!; trap 'kill $child 2>/dev/null' EXIT TERM; " +
            $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done");
        foreach (string arg in new[]
        {
            script, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash and node for Azurite.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new AzuriteServer(process, blobPort, queuePort, tablePort);
        var deadline = Stopwatch.StartNew();
        while (!await server.AnswersAsync())
        {
            if (process.HasExited || deadline.Elapsed > timeout)
            {
                server.Kill();
                string log;
                lock (output)
                {
                    log = output.ToString();
                }

                throw new InvalidOperationException($"Azurite did not start within {timeout.TotalSeconds:0}s. Output:\n{log}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        return server;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task<bool> AnswersAsync()
    {
        foreach (int port in new[] { BlobPort, QueuePort, TablePort })
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
