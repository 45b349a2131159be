namespace MediaSync.Durable;

/// <summary>A replay's actions did not match the recorded history: the orchestrator code changed or is not deterministic.</summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Names the orchestrator, the step (EventId), and what was expected and found.</param>
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }
}
