using System.ComponentModel.DataAnnotations;
using MediaSync.Sandbox;
using MediaSync.Sandbox.Hosting;

// Standalone: dotnet run --project src/MediaSync.Sandbox -- --port 7071 --live 1000 --vod 200000
SandboxHost sandbox;
try
{
    sandbox = await SandboxHost.StartAsync(SandboxCommandLine.Parse(args)).ConfigureAwait(false);
}
catch (Exception error) when (error is ArgumentException or FormatException or OverflowException or ValidationException)
{
    await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
    await Console.Error.WriteLineAsync(SandboxCommandLine.Usage).ConfigureAwait(false);
    return 2;
}

await using var running = sandbox.ConfigureAwait(false);
Console.WriteLine(sandbox.Describe());
Console.WriteLine("Press Ctrl+C to stop.");
var stop = new TaskCompletionSource();

// Ctrl+C and SIGTERM (what run.sh, containers and process managers send) both stop the sandbox cleanly.
using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
await stop.Task.ConfigureAwait(false);
return 0;

void Stop(System.Runtime.InteropServices.PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}
