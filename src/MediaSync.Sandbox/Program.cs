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
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task.ConfigureAwait(false);
return 0;
