namespace MediaSync.Functions.Checks;

/// <summary>Counts of finished checks: per probe status (<c>Ok</c>, <c>HttpError</c>, …) and the checks that never got a slot or failed to run.</summary>
/// <param name="Checked">Checks that probed the stream.</param>
/// <param name="ByStatus">Probe results per status name.</param>
/// <param name="NoSlot">Checks that waited longer than the slot wait timeout.</param>
/// <param name="Failed">Checks whose probe activity failed (not a stream problem: a bug or the store being down).</param>
/// <param name="NotChecked">Streams beyond the per-account cap.</param>
internal sealed record CheckTally(int Checked, IReadOnlyDictionary<string, int> ByStatus, int NoSlot, int Failed, int NotChecked)
{
    /// <summary>No checks yet.</summary>
    public static CheckTally Empty { get; } = new(0, new Dictionary<string, int>(StringComparer.Ordinal), 0, 0, 0);

    /// <summary>Checks that finished one way or another.</summary>
    public int Done => Checked + NoSlot + Failed;

    /// <summary>Adds one probe result.</summary>
    public CheckTally WithProbe(string status)
    {
        var byStatus = new Dictionary<string, int>(ByStatus, StringComparer.Ordinal);
        byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
        return this with { Checked = Checked + 1, ByStatus = byStatus };
    }

    /// <summary>Adds the counts of another tally.</summary>
    public CheckTally Plus(CheckTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var byStatus = new Dictionary<string, int>(ByStatus, StringComparer.Ordinal);
        foreach ((string status, int count) in other.ByStatus)
        {
            byStatus[status] = byStatus.GetValueOrDefault(status) + count;
        }

        return new CheckTally(Checked + other.Checked, byStatus, NoSlot + other.NoSlot, Failed + other.Failed, NotChecked + other.NotChecked);
    }
}
