namespace MediaSync.Functions.Progress;

/// <summary>
/// The custom status every long-running orchestration of the app reports, read by the dashboard's progress bars.
/// </summary>
/// <param name="Phase">What the orchestration is doing now.</param>
/// <param name="Done">Units finished.</param>
/// <param name="Total">Units in all.</param>
/// <param name="PerSecond">Throughput so far.</param>
/// <param name="EtaSeconds">Estimated seconds left; null until the rate is known.</param>
/// <param name="Items">
/// Items stored so far (a catalog sync's rows, written or found unchanged), where the orchestration counts them; their
/// total is not known before the provider has listed them all, so rate and ETA stay in units.
/// </param>
internal sealed record ProgressStatus(string Phase, int Done, int Total, double PerSecond, double? EtaSeconds, long? Items = null)
{
    /// <summary>Computes rate and ETA from the units done and the (replay-safe) elapsed time.</summary>
    public static ProgressStatus Of(string phase, int done, int total, TimeSpan elapsed, long? items = null)
    {
        double perSecond = elapsed > TimeSpan.Zero ? Math.Round(done / elapsed.TotalSeconds, 2) : 0;
        double? eta = perSecond > 0 ? Math.Round((total - done) / perSecond, 1) : null;
        return new ProgressStatus(phase, done, total, perSecond, eta, items);
    }
}
