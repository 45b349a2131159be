using MediaSync.Benchmarks.Harness;

// dotnet run -c Release --project bench/MediaSync.Benchmarks -- <scenario> [--option value ...]
// Prints a readable table and, as its very last line, one JSON object:
// {"scenario":"...","backend":"...","metrics":{...}}
return await BenchmarkRunner.RunAsync(args);
