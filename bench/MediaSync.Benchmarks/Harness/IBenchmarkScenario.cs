namespace MediaSync.Benchmarks.Harness;

/// <summary>
/// One benchmark scenario. Implementations are discovered by reflection, so adding a scenario is
/// adding one class. A scenario measures ours and its baseline side by side in the same process
/// and reports both as metrics; ratios are what count, never absolute timings in tests.
/// </summary>
internal interface IBenchmarkScenario
{
    /// <summary>The name given on the command line, e.g. <c>runtime</c>.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    Task<BenchmarkReport> RunAsync(BenchmarkArguments args, CancellationToken cancellationToken);
}
