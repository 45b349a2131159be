namespace MediaSync.Sandbox.Tests;

/// <summary>A default sandbox shared by read-only tests of one class; tests that turn knobs start their own.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxHost Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() => Sandbox = await SandboxHost.StartAsync(new SandboxOptions());

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
