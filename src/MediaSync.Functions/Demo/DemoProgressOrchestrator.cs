using MediaSync.Durable;
using MediaSync.Functions.Progress;

namespace MediaSync.Functions.Demo;

/// <summary>
/// Runs <see cref="DemoProgressInput.Steps"/> calls of <see cref="DemoStepActivity"/> in waves and reports
/// <see cref="ProgressStatus"/> after each wave, so the dashboard has a live bar to draw.
/// </summary>
internal sealed class DemoProgressOrchestrator : TaskOrchestrator<DemoProgressInput, DemoProgressResult>
{
    /// <summary>The orchestrator's registered name.</summary>
    public const string Name = "DemoProgress";

    /// <inheritdoc />
    public override async Task<DemoProgressResult> RunAsync(TaskOrchestrationContext context, DemoProgressInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        DateTime started = context.CurrentUtcDateTime;
        context.SetCustomStatus(ProgressStatus.Of("starting", 0, input.Steps, TimeSpan.Zero));
        int done = 0;
        while (done < input.Steps)
        {
            int wave = Math.Min(input.Parallelism, input.Steps - done);
            var calls = new Task[wave];
            for (int i = 0; i < wave; i++)
            {
                calls[i] = context.CallActivityAsync(DemoStepActivity.Name, input.StepMilliseconds);
            }

            await Task.WhenAll(calls).ConfigureAwait(true); // orchestrator code stays on the orchestration's context
            done += wave;
            string phase = done == input.Steps ? "done" : "running";
            context.SetCustomStatus(ProgressStatus.Of(phase, done, input.Steps, context.CurrentUtcDateTime - started));
        }

        return new DemoProgressResult(done, (context.CurrentUtcDateTime - started).TotalSeconds);
    }
}

/// <summary>The demo's output.</summary>
/// <param name="Steps">Steps completed.</param>
/// <param name="ElapsedSeconds">Orchestration time from start to the last wave.</param>
internal sealed record DemoProgressResult(int Steps, double ElapsedSeconds);
