using Microsoft.Extensions.Logging;

namespace MediaSync.Sandbox.Hosting;

/// <summary>What every endpoint handler needs, in one place.</summary>
internal sealed class SandboxServices(SandboxOptions options, SandboxCatalog catalog, SandboxControl control, SandboxCounters counters, SandboxGate gate, ILogger logger)
{
    public SandboxOptions Options { get; } = options;

    public SandboxCatalog Catalog { get; } = catalog;

    public SandboxControl Control { get; } = control;

    public SandboxCounters Counters { get; } = counters;

    public SandboxGate Gate { get; } = gate;

    public ILogger Logger { get; } = logger;

    public TimeProvider Time => Options.TimeProvider;

    public SandboxAccount Account0 => Options.Catalog.Accounts[0];

    public SandboxAccount? FindAccount(string? username, string? password) =>
        Options.Catalog.Accounts.FirstOrDefault(a =>
            string.Equals(a.Username, username, StringComparison.Ordinal) && string.Equals(a.Password, password, StringComparison.Ordinal));

    public int AccountNumber(SandboxAccount account) => Options.Catalog.Accounts.IndexOf(account) + 1;
}
