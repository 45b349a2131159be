namespace MediaSync.Functions.Demo;

/// <summary>What a demo run does: <paramref name="Steps"/> activity calls of <paramref name="StepMilliseconds"/> each, <paramref name="Parallelism"/> at a time.</summary>
internal sealed record DemoProgressInput(int Steps, int StepMilliseconds, int Parallelism)
{
    public const int MaxSteps = 10_000;
    public const int MaxStepMilliseconds = 60_000;
    public const int MaxParallelism = 32;
}
