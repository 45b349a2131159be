using MediaSync.Durable;

namespace MediaSync.Functions.Demo;

/// <summary>One demo step: waits the given milliseconds (stands in for real work such as a page of a catalog).</summary>
internal sealed class DemoStepActivity(TimeProvider timeProvider) : TaskActivity<int, int>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "DemoStep";

    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(input), timeProvider, context.CancellationToken).ConfigureAwait(false);
        }

        return input;
    }
}
