namespace MediaSync.Durable.Worker;

/// <summary>This host process's worker id: its heartbeat row, lease owner name and log field.</summary>
internal sealed record WorkerIdentity(string Id);
