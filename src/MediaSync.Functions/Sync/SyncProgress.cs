using MediaSync.Durable;
using MediaSync.Functions.Progress;

namespace MediaSync.Functions.Sync;

/// <summary>
/// The running totals of one sync orchestration and its custom status (<see cref="ProgressStatus"/>: units done of
/// units known so far, and the rows stored by those units). Lives in orchestrator memory only: rebuilt identically on every replay.
/// </summary>
internal sealed class SyncProgress(TaskOrchestrationContext context, DateTime started)
{
    private readonly List<string> activePhases = [];
    private readonly List<string> failedUnitKeys = [];

    // The phase that ended last: shown between two phases rather than "starting" again.
    private string? lastLeft;

    public int Done { get; private set; }

    public int Total { get; private set; }

    /// <summary>Gets the units finished in this execution (skipped completed units of a resumed run are not counted).</summary>
    public int Units { get; private set; }

    public long Written { get; private set; }

    public long Skipped { get; private set; }

    public long Failed { get; private set; }

    public int FailedUnits { get; private set; }

    public IReadOnlyList<string> FailedUnitKeys => failedUnitKeys;

    /// <summary>Units became known; <paramref name="alreadyDone"/> of them were completed by an earlier attempt of the run.</summary>
    public void AddUnits(int total, int alreadyDone)
    {
        Total += total;
        Done += alreadyDone;
        Report();
    }

    public void Record(UnitOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Written += outcome.Written;
        Skipped += outcome.Skipped;
        Failed += outcome.Failed;
        if (outcome.Complete)
        {
            Units++;
            Done++;
        }
        else
        {
            AddFailure(outcome.UnitKey);
        }

        Report();
    }

    /// <summary>A child orchestration's totals: its units (all known at once), row counts and failed units.</summary>
    public void RecordChild(int units, long written, long skipped, long failed, IReadOnlyList<string> failedUnits)
    {
        ArgumentNullException.ThrowIfNull(failedUnits);
        Total += units;
        Done += units - failedUnits.Count;
        Units += units - failedUnits.Count;
        Written += written;
        Skipped += skipped;
        Failed += failed;
        foreach (string unit in failedUnits)
        {
            AddFailure(unit);
        }

        Report();
    }

    /// <summary>A unit (or a whole kind, <c>series/*</c>) failed; resume retries it.</summary>
    public void RecordFailure(string unitKey)
    {
        AddFailure(unitKey);
        Report();
    }

    public void Enter(string phase)
    {
        activePhases.Add(phase);
        Report();
    }

    public void Leave(string phase)
    {
        activePhases.Remove(phase);
        lastLeft = phase;
        Report();
    }

    /// <summary>Sets the custom status: the active phases joined by '+', or <paramref name="phase"/> when given.</summary>
    public void Report(string? phase = null) =>
        context.SetCustomStatus(ProgressStatus.Of(
            phase ?? (activePhases.Count > 0 ? string.Join('+', activePhases) : lastLeft ?? "starting"), Done, Total, context.CurrentUtcDateTime - started, Written + Skipped));

    private void AddFailure(string unitKey)
    {
        FailedUnits++;
        if (failedUnitKeys.Count < CatalogSyncResult.MaxListedFailures)
        {
            failedUnitKeys.Add(unitKey);
        }
    }
}
