using MediaSync.TestSupport;

namespace MediaSync.Durable.Tests.MultiProcess;

/// <summary>A durable worker in its own OS process (tests/MediaSync.Durable.TestWorker), so a test can SIGKILL it.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly TestWorkerProcess process;

    private WorkerProcess(TestWorkerProcess process) => this.process = process;

    public string Output => process.Output;

    public static async Task<WorkerProcess> StartAsync(string connectionString, string hub, int stepDelayMs) =>
        new(await TestWorkerProcess.StartAsync("MediaSync.Durable.TestWorker", connectionString, hub, stepDelayMs));

    /// <summary>SIGKILL: no shutdown, no lease release, messages left invisible — a dead host.</summary>
    public void Kill() => process.Kill();

    public void Dispose() => process.Dispose();
}
