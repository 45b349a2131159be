namespace MediaSync.Benchmarks.Harness;

/// <summary>What a scenario measured: named metrics in the order they were added, and the backend it ran on.</summary>
internal sealed class BenchmarkReport(string scenario, string backend)
{
    public string Scenario { get; } = scenario;

    public string Backend { get; } = backend;

    public List<KeyValuePair<string, double>> Metrics { get; } = [];

    /// <summary>Free-form lines printed above the table (what was run, ratios, checks).</summary>
    public List<string> Notes { get; } = [];

    public BenchmarkReport Add(string name, double value)
    {
        Metrics.Add(new(name, value));
        return this;
    }
}
